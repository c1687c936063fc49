namespace MeetingLinks.Meetings.Create;

/// <summary>
/// The flat answer a flow picks fields from with JSONPath (<c>$.guestUrl</c>). <c>guestSuffix</c>
/// and <c>baseUrl</c> serve WhatsApp templates whose button URL takes a single dynamic suffix.
/// </summary>
public sealed record CreateMeetingResponse(
    string MeetingId,
    string Sub,
    string? GuestUrl,
    string? GuestSuffix,
    string? HostUrl,
    string? BaseUrl,
    IReadOnlyList<string> GuestUrls,
    IReadOnlyList<string> HostUrls,
    DateTimeOffset ValidFrom,
    DateTimeOffset ExpiresAt,
    bool Replayed);
