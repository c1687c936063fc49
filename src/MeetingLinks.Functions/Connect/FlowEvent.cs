namespace MeetingLinks.Connect;

/// <summary>An event for the flow, as the record keeps it: which, when, and where its delivery stands.</summary>
public sealed record FlowEvent(string EventId, string Event, DateTimeOffset At, Delivery Delivery, string? RemindBefore = null)
{
    public const string Joining = "expert.joining";
    public const string Declined = "expert.declined";
    public const string Unreachable = "expert.unreachable";
    public const string Unanswered = "expert.unanswered";
    public const string Reminder = "visit.reminder";
    public const string Rescheduled = "visit.rescheduled";
    public const string Cancelled = "visit.cancelled";

    public static IReadOnlyList<string> Names { get; } = [Joining, Declined, Unanswered, Unreachable, Reminder, Rescheduled, Cancelled];

    public FlowEventView View() => new(EventId, Event, At, Delivery.Status, Delivery.Attempts, Delivery.LastError, Delivery.SentAt);
}

/// <summary>One of the record's <c>flowEvents</c>, as the API shows it.</summary>
public sealed record FlowEventView(string EventId, string Event, DateTimeOffset At, string Status, int Attempts, string? LastError, DateTimeOffset? SentAt);

/// <summary>
/// What the flow's Inbound Webhook receives: flat, so a flow reads each field by JSONPath (<c>$.event</c>,
/// <c>$.customerPhone</c>…). <c>customerPhone</c> is E.164 without the plus, as WhatsApp ids come; <c>guestUrl</c>
/// and <c>guestSuffix</c> are a guest link still valid (for a visit ahead, valid when it starts), so the flow can send it again.
/// <c>at</c> and <c>startsAt</c> are UTC, written with <c>Z</c>; <c>remindBefore</c> is a reminder's ISO 8601 duration.
/// </summary>
public sealed record FlowEventBody(
    string EventId, string Event, string MeetingId, string? RequestId, string? Reference, string? CustomerPhone,
    string? Channel, string? GuestUrl, string? GuestSuffix, string? Expert, DateTime At, DateTime? StartsAt, string? RemindBefore);
