namespace MeetingLinks.Meetings.Events;

internal static class ReportEventValidator
{
    // A reporter's clock may run a little ahead; a time further out is a mistake.
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Null when the report is valid; otherwise the messages per field.</summary>
    public static Dictionary<string, string[]>? Validate(ReportEventRequest body, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var type = body.Type?.Trim().ToLowerInvariant();
        if (!MeetingStatus.IsEventType(type))
        {
            errors["type"] = [$"must be one of {string.Join(", ", MeetingStatus.EventTypes)}."];
        }

        if (body.Channel is { } channel && (channel.Trim().Length > 20 || channel.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or ' '))))
        {
            errors["channel"] = ["must be a short name such as whatsapp or sms."];
        }

        if (body.Detail is { } detail && (detail.Length > 500 || detail.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))))
        {
            errors["detail"] = ["must be at most 500 characters without control characters."];
        }

        if (body.OccurredAt > now + FutureTolerance)
        {
            errors["occurredAt"] = ["must not be in the future."];
        }

        return errors.Count > 0 ? errors : null;
    }

    /// <summary>A validated report as the event to store: names lower-cased, blanks dropped.</summary>
    public static MeetingEvent ToEvent(ReportEventRequest body, DateTimeOffset now) => new(
        Type: body.Type!.Trim().ToLowerInvariant(),
        Channel: Blank(body.Channel?.Trim().ToLowerInvariant()),
        Detail: Blank(body.Detail?.Trim()),
        Code: null,
        Source: "flow",
        MessageId: null,
        OccurredAt: body.OccurredAt ?? now,
        ReceivedAt: now);

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
