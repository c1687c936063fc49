namespace MeetingLinks.Experts;

/// <summary>
/// The expert's message with a batch of host links (queue kind <c>expert</c>), by the batch. When one fails for good,
/// the flow hears that the expert cannot be reached.
/// </summary>
public sealed class ExpertMessages(WebexClient webex, FlowEvents flow, IOptions<NotificationsOptions> options) : INotificationKind
{
    public const string KindName = "expert";

    public string Name => KindName;

    public TimeSpan RetryWindow => options.Value.RetryWindow;

    /// <summary>Where the expert's message for <paramref name="batch"/> stands, when the record has one.</summary>
    public static Delivery? DeliveryOf(MeetingRecord record, string batch) => Entry(record, batch)?.Delivery;

    public Delivery? Find(MeetingRecord record, string id) => DeliveryOf(record, id);

    public MeetingRecord Change(MeetingRecord record, string id, Func<Delivery, Delivery> change)
        => record with { Notifications = [.. record.Notifications.Select(n => n.Batch == id ? n with { Delivery = change(n.Delivery) } : n)] };

    public string Recipient(MeetingRecord record, string id) => Entry(record, id)?.Target.Masked ?? "(nobody)";

    public async Task<Outcome<AcceptedMessage>> SendAsync(MeetingRecord record, string id, CancellationToken cancellationToken)
        => Entry(record, id) is { } entry && ExpertMessage.For(record, id) is { } content
            ? await webex.SendAsync(entry.Target, content, cancellationToken)
            : new Failure(FailureKind.Invalid, ProblemCodes.NoHostLink, "No host link", "These links have no host link to send.");

    public Task FailedAsync(MeetingRecord record, string id, CancellationToken cancellationToken)
        => flow.RaiseAsync(record.MeetingId, $"unreachable-{id}", FlowEvent.Unreachable, cancellationToken);

    private static ExpertNotification? Entry(MeetingRecord record, string batch) => record.Notifications.FirstOrDefault(n => n.Batch == batch);
}

public static class ExpertMessagesOutboxExtensions
{
    /// <summary>Queues the expert's message for <paramref name="batch"/> when the record has one that is still to be sent.</summary>
    public static Task NotifyIfPendingAsync(this INotificationOutbox outbox, MeetingRecord record, string batch, CancellationToken cancellationToken)
        => outbox.QueueIfPendingAsync(record.MeetingId, ExpertMessages.KindName, batch, ExpertMessages.DeliveryOf(record, batch), cancellationToken);
}
