namespace MeetingLinks.Meetings;

/// <summary>
/// The flat answer a flow picks fields from with JSONPath (<c>$.guestUrl</c>), for the links one call issued (the create's or an
/// add-links call's). <c>guestSuffix</c> and <c>baseUrl</c> serve WhatsApp templates whose button URL takes a single dynamic suffix.
/// <c>startsAt</c> and <c>durationMinutes</c> are the meeting's visit booked ahead (null for a meeting that starts now).
/// </summary>
public sealed record MeetingLinksResponse(
    string MeetingId, string Sub, string? GuestUrl, string? GuestSuffix, string? HostUrl, string? BaseUrl,
    IReadOnlyList<string> GuestUrls, IReadOnlyList<string> HostUrls, DateTimeOffset ValidFrom, DateTimeOffset ExpiresAt, bool Replayed,
    DateTimeOffset? StartsAt, int? DurationMinutes)
{
    /// <summary>The answer for the links of <paramref name="batch"/> on <paramref name="record"/>.</summary>
    public static MeetingLinksResponse For(MeetingRecord record, string batch, bool replayed)
    {
        var links = record.Links.Where(l => l.Batch == batch).ToList();
        var guests = links.Where(l => l.Kind == IssuedLink.Guest).ToList();
        var hosts = links.Where(l => l.Kind == IssuedLink.Host).ToList();
        var first = links.Count > 0 ? links[0] : throw new ArgumentException($"Meeting {record.MeetingId} has no links of batch {batch}.", nameof(batch));
        return new MeetingLinksResponse(
            record.MeetingId,
            record.Sub,
            guests.FirstOrDefault()?.Url,
            guests.FirstOrDefault()?.ShortCode,
            hosts.FirstOrDefault()?.Url,
            first.BaseUrl,
            [.. guests.Select(l => l.Url)],
            [.. hosts.Select(l => l.Url)],
            first.ValidFrom,
            first.ExpiresAt,
            replayed,
            record.StartsAt,
            record.DurationMinutes);
    }
}
