namespace MeetingLinks.Meetings.Events;

/// <summary>
/// Something that happened to a meeting's link after it was handed to the flow. Two reports with the same type, channel,
/// code, message id, detail and source are the same event (a retried receipt, a flow reporting twice).
/// </summary>
/// <param name="Type">One of <see cref="MeetingStatus.EventTypes"/>.</param>
/// <param name="Channel">Lower-case channel the message went over (<c>whatsapp</c>, <c>sms</c>…), when known.</param>
/// <param name="Detail">Free text: the flow's note, or the carrier's / Meta's error text.</param>
/// <param name="Code">Webex Connect's delivery code (7500 delivered, 7501 submitted, 7502 read…), for receipts.</param>
/// <param name="Source"><c>flow</c> for the events route, <c>receipt</c> for Webex Connect delivery receipts.</param>
/// <param name="MessageId">Webex Connect's transaction id of the message, when known.</param>
/// <param name="OccurredAt">When it happened, as the reporter says (or when it was received).</param>
/// <param name="ReceivedAt">When this service recorded it.</param>
public sealed record MeetingEvent(
    string Type, string? Channel, string? Detail, string? Code, string Source, string? MessageId, DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt);

public enum EventOutcome
{
    /// <summary>Stored; the status moved if this is a later stage.</summary>
    Recorded,

    /// <summary>Already stored; nothing changed.</summary>
    Duplicate,
}
