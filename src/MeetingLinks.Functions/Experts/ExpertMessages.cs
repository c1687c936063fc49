namespace MeetingLinks.Experts;

/// <summary>
/// The expert's message with a batch of host links (queue kind <c>expert</c>), by its <see cref="ExpertNotification.Id"/>.
/// When one fails for good, a chain passes the visit on; without a chain the flow hears that the expert cannot be reached.
/// </summary>
public sealed class ExpertMessages(
    WebexClient webex, FlowEvents flow, ExpertChain chain, IMeetingStore store, INotificationOutbox outbox, IOptions<NotificationsOptions> options,
    TimeProvider time) : INotificationKind
{
    public const string KindName = "expert";

    public string Name => KindName;

    public TimeSpan RetryWindow => options.Value.RetryWindow;

    /// <summary>A step of a chain whose turn has not come has nothing to send yet.</summary>
    public Delivery? Find(MeetingRecord record, string id) => Entry(record, id) is { IsStarted: true } entry ? entry.Delivery : null;

    public MeetingRecord Change(MeetingRecord record, string id, Func<Delivery, Delivery> change)
        => record with { Notifications = [.. record.Notifications.Select(n => n.Id == id ? n with { Delivery = change(n.Delivery) } : n)] };

    public string Recipient(MeetingRecord record, string id) => Entry(record, id)?.Target.Masked ?? "(nobody)";

    public async Task<Outcome<AcceptedMessage>> SendAsync(MeetingRecord record, string id, CancellationToken cancellationToken)
        => Entry(record, id) is { } entry && ExpertMessage.For(record, entry.Batch, time.GetUtcNow()) is { } content
            ? await webex.SendAsync(entry.Target, content, cancellationToken)
            : new Failure(FailureKind.Invalid, ProblemCodes.NoHostLink, "No host link", "These links have no host link to send.");

    public async Task FailedAsync(MeetingRecord record, string id, CancellationToken cancellationToken)
    {
        if (Entry(record, id)?.Step is not null)
        {
            await outbox.ChangeAndQueueAsync(store, record.MeetingId, r => chain.PassOn(r, id, ExpertChain.Unreachable, time.GetUtcNow()), cancellationToken);
            return;
        }

        await flow.RaiseAsync(record.MeetingId, $"unreachable-{id}", FlowEvent.Unreachable, cancellationToken);
    }

    private static ExpertNotification? Entry(MeetingRecord record, string id) => record.Notifications.FirstOrDefault(n => n.Id == id);
}
