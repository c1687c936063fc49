namespace MeetingLinks.Meetings.Events;

internal static class ReportEventValidator
{
    /// <summary>The <see cref="MeetingEvent.Source"/> of what flows report.</summary>
    public const string Source = "flow";

    // A reporter's clock may run a little ahead; a time further out is a mistake.
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The event to store (names lower-cased, blanks dropped), or what is wrong with the report.</summary>
    public static Outcome<MeetingEvent> Validate(ReportEventRequest body, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var type = body.Type?.Trim().ToLowerInvariant();
        if (!MeetingStatus.IsEventType(type))
        {
            errors.Add("type", $"must be one of {string.Join(", ", MeetingStatus.EventTypes)}.");
        }

        var channel = errors.Text("channel", body.Channel, 20)?.ToLowerInvariant();
        if (channel is not null && channel.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or ' ')))
        {
            errors.Add("channel", "must be a short name such as whatsapp or sms.");
        }

        var detail = errors.Text("detail", body.Detail, 500, allowLineBreaks: true);
        if (body.OccurredAt > now + FutureTolerance)
        {
            errors.Add("occurredAt", "must not be in the future.");
        }

        return errors.Or(ProblemCodes.InvalidEvent,
            () => new MeetingEvent(type!, channel, detail, Code: null, Source, MessageId: null, body.OccurredAt ?? now, ReceivedAt: now));
    }
}
