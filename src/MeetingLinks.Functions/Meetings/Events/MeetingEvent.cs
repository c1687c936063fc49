namespace MeetingLinks.Meetings.Events;

/// <summary>Something that happened to a meeting's link after it was handed to the flow.</summary>
/// <param name="Type">One of <see cref="MeetingStatus.EventTypes"/>.</param>
/// <param name="Channel">Lower-case channel the message went over (<c>whatsapp</c>, <c>sms</c>…), when known.</param>
/// <param name="Detail">Free text: the flow's note, or the carrier's / Meta's error text.</param>
/// <param name="Code">Webex Connect's delivery code (7500 delivered, 7501 submitted, 7502 read…), for receipts.</param>
/// <param name="Source"><c>flow</c> for the events route, <c>receipt</c> for Webex Connect delivery receipts.</param>
/// <param name="MessageId">Webex Connect's transaction id of the message, when known.</param>
/// <param name="OccurredAt">When it happened, as the reporter says (or when it was received).</param>
/// <param name="ReceivedAt">When this service recorded it.</param>
public sealed record MeetingEvent(
    string Type,
    string? Channel,
    string? Detail,
    string? Code,
    string Source,
    string? MessageId,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt)
{
    /// <summary>Two reports of the same thing (a retried receipt, a flow reporting twice) share this.</summary>
    public bool SameAs(MeetingEvent other)
        => other is not null
        && Type == other.Type
        && string.Equals(Channel, other.Channel, StringComparison.Ordinal)
        && string.Equals(Code, other.Code, StringComparison.Ordinal)
        && string.Equals(MessageId, other.MessageId, StringComparison.Ordinal)
        && string.Equals(Detail, other.Detail, StringComparison.Ordinal)
        && Source == other.Source;
}

public enum EventOutcome
{
    /// <summary>Stored; the status moved if this is a later stage.</summary>
    Recorded,

    /// <summary>Already stored; nothing changed.</summary>
    Duplicate,
}
