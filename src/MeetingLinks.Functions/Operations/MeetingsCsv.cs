namespace MeetingLinks.Operations;

/// <summary>
/// Meeting records as CSV that Excel opens as intended: RFC 4180 quoting, CRLF line ends, and
/// cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) prefixed with
/// an apostrophe, so a hostile customer name stays text.
/// </summary>
public static class MeetingsCsv
{
    public static readonly string[] Columns =
    [
        "meetingId", "createdAt", "status", "reference", "subject", "customerName", "customerPhone", "channel",
        "hosts", "guests", "validFrom", "expiresAt", "guestUrl", "hostUrl", "guestUrls", "hostUrls", "links", "events", "lastError", "expertNotification", "expertNotificationDetail", "expertResponse", "flowEvents",
    ];

    public static string HeaderLine() => string.Join(',', Columns) + "\r\n";

    public static string Line(MeetingRecord record)
    {
        string?[] cells =
        [
            record.MeetingId,
            Time(record.CreatedAt),
            record.Status,
            record.Reference,
            record.Subject,
            record.CustomerName,
            record.CustomerPhone,
            record.Channel,
            record.Hosts.ToString(CultureInfo.InvariantCulture),
            record.Guests.ToString(CultureInfo.InvariantCulture),
            Time(record.ValidFrom),
            Time(record.ExpiresAt),
            record.GuestUrls.Count > 0 ? record.GuestUrls[0] : null,
            record.HostUrls.Count > 0 ? record.HostUrls[0] : null,
            string.Join(' ', record.GuestUrls),
            string.Join(' ', record.HostUrls),
            string.Join("; ", record.Links.Select(l => $"{l.Kind} {l.Url} valid {Time(l.ValidFrom)}/{Time(l.ExpiresAt)} issued {Time(l.IssuedAt)}")),
            string.Join("; ", record.Events.Select(e => $"{e.Type} {e.Channel} {Time(e.OccurredAt)} {e.Detail}".Trim())),
            record.LastError,
            record.ExpertNotification?.Status,
            record.ExpertNotification is { } expert
                ? $"to {expert.To}; attempts {expert.Attempts}" + (expert.SentAt is { } sent ? $"; sent {Time(sent)}" : "") + (expert.LastError is { } error ? $"; {error}" : "")
                : null,
            record.ExpertResponse is { } response ? $"{response.Answer} {response.PersonName ?? response.PersonId} {Time(response.At)}" : null,
            string.Join("; ", record.FlowEvents.Select(e => $"{e.Event} {e.Status} attempts {e.Attempts}" + (e.LastError is { } error ? $" {error}" : ""))),
        ];
        return string.Join(',', cells.Select(Cell)) + "\r\n";
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? new StringBuilder(value.Length + 2).Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString()
            : value;
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
