namespace MeetingLinks.Connect;

/// <summary>
/// Events for the flow (queue kind <c>flow</c>): added to the record in the same change as what they tell of, then
/// queued, and sent through the one sending path to <c>Connect__EventsUrl</c>, a meeting's in order. Without that setting none are made.
/// </summary>
public sealed class FlowEvents(
    IMeetingStore store, INotificationOutbox outbox, ConnectEventsClient connect, IOptions<ConnectOptions> options, TimeProvider time) : INotificationKind
{
    public const string KindName = "flow";

    public string Name => KindName;

    public TimeSpan RetryWindow => options.Value.RetryWindow;

    public bool Enabled => options.Value.EventsUrl is not null;

    /// <summary>The record with event <paramref name="eventName"/> to send, once per <paramref name="eventId"/>.</summary>
    public MeetingRecord Add(MeetingRecord record, string eventId, string eventName, DateTimeOffset at, string? remindBefore = null)
        => !Enabled || record.FlowDeliveries.Any(e => e.EventId == eventId)
            ? record
            : record with { FlowDeliveries = [.. record.FlowDeliveries, new FlowEvent(eventId, eventName, at, Delivery.Queued(at), remindBefore)] };

    /// <summary>Adds event <paramref name="eventName"/> to the record, once per <paramref name="eventId"/>, and queues it.</summary>
    public Task RaiseAsync(string meetingId, string eventId, string eventName, CancellationToken cancellationToken)
        => outbox.ChangeAndQueueAsync(store, meetingId, r => Add(r, eventId, eventName, time.GetUtcNow()) is var added && added != r ? added : null, cancellationToken);

    public Delivery? Find(MeetingRecord record, string id) => record.FlowDeliveries.FirstOrDefault(e => e.EventId == id)?.Delivery;

    public MeetingRecord Change(MeetingRecord record, string id, Func<Delivery, Delivery> change)
        => record with { FlowDeliveries = [.. record.FlowDeliveries.Select(e => e.EventId == id ? e with { Delivery = change(e.Delivery) } : e)] };

    public string Recipient(MeetingRecord record, string id) => "the flow";

    /// <summary>The flow hears a meeting's events in the order they happened: one waits while an earlier one is still pending.</summary>
    public bool WaitsForEarlier(MeetingRecord record, string id)
        => record.FlowDeliveries.TakeWhile(e => e.EventId != id).Any(e => e.Delivery.IsPending);

    public async Task<Outcome<AcceptedMessage>> SendAsync(MeetingRecord record, string id, CancellationToken cancellationToken)
        => record.FlowDeliveries.FirstOrDefault(e => e.EventId == id) is { } flowEvent
            ? await connect.PostAsync(Body(record, flowEvent, time.GetUtcNow()), cancellationToken)
            : Failure.Unexpected();

    /// <summary>The expert the event is about: the one who answered, else the one asked last.</summary>
    private static ExpertNotification? Expert(MeetingRecord record)
        => record.Notifications.FirstOrDefault(n => n.Delivery.MessageId is { } id && id == record.ExpertResponse?.MessageId)
            ?? record.Notifications.LastOrDefault(n => n.IsStarted);

    /// <summary>The event as the flow reads it, with a guest link still valid at <paramref name="now"/>.</summary>
    public static FlowEventBody Body(MeetingRecord record, FlowEvent flowEvent, DateTimeOffset now)
    {
        // For a visit ahead, a link that still works when it starts.
        var from = record.StartsAt is { } startsAt && startsAt > now ? startsAt : now;
        var guest = record.Links.LastOrDefault(l => l.Kind == IssuedLink.Guest && l.ExpiresAt > from);
        return new FlowEventBody(
            flowEvent.EventId,
            flowEvent.Event,
            record.MeetingId,
            record.RequestId,
            record.Reference,
            record.CustomerPhone?.TrimStart('+'),
            record.Channel,
            guest?.Url,
            guest?.ShortCode,
            Expert(record)?.Target.Masked,
            flowEvent.At.UtcDateTime,
            record.StartsAt?.UtcDateTime,
            flowEvent.RemindBefore);
    }
}
