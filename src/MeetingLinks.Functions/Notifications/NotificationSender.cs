namespace MeetingLinks.Notifications;

/// <summary>
/// The one sending path. A delivery claims the record's entry with its queue message's id, sends, and settles the entry.
/// Another copy of the message (a replay's, ops' resend) that finds the claim leaves; the same message seen again means
/// its earlier attempt died, so it takes over. Neither Webex nor Connect takes an idempotency key, so that attempt may
/// have reached them: the log says so. A failure worth retrying goes back on the queue, invisible for <c>Retry-After</c>
/// or the back-off, within the kind's retry window; the poison queue ends it as failed. An entry of a kind that keeps its
/// order waits, unclaimed and back on the queue, while an earlier entry of its meeting is still pending.
/// </summary>
public sealed class NotificationSender(
    IMeetingStore store, IEnumerable<INotificationKind> kinds, INotificationOutbox outbox, IOptions<NotificationsOptions> options, TimeProvider time,
    ILogger<NotificationSender> logger)
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(1);

    // How long an entry that must go after others looks again; a queue hides a message for whole seconds.
    private static readonly TimeSpan HoldFor = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, INotificationKind> _kinds = kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <param name="deliveryId">The queue message's id: the same on every delivery of one message, new when it is queued again.</param>
    public async Task SendAsync(NotificationMessage message, string deliveryId, CancellationToken cancellationToken)
    {
        var kind = KindOf(message);
        var (id, takenOver, held) = (message.Id, false, false);
        var record = await store.ChangeAsync(message.MeetingId, current =>
        {
            var entry = Pending(kind, current, id);
            takenOver = entry?.SendingBy == deliveryId;
            // Only an unclaimed entry waits: a claim was made with nothing earlier pending, and its own message finishes it.
            held = entry is { SendingBy: null } && kind.WaitsForEarlier(current, id);
            return entry is not null && (entry.SendingBy is null || takenOver) && !held
                ? kind.Change(current, id, d => d with { SendingBy = deliveryId, Attempts = d.Attempts + 1 })
                : null;
        }, cancellationToken);
        if (held)
        {
            // Unclaimed, so whichever copy of the message comes next may send it once the earlier entries are settled.
            logger.LogInformation("{Kind} {Id} for meeting {MeetingId} waits for the meeting's earlier ones", kind.Name, id, message.MeetingId);
            await outbox.EnqueueAsync(message, HoldFor, CancellationToken.None);
            return;
        }

        if (Pending(kind, record, id) is not { } claimed || claimed.SendingBy != deliveryId)
        {
            logger.LogInformation("{Kind} {Id} for meeting {MeetingId} not sent by this delivery: {Reason}",
                kind.Name, id, message.MeetingId, WhyNot(kind, record, id));
            return;
        }

        var to = kind.Recipient(record!, id);
        if (takenOver)
        {
            logger.LogWarning("{Kind} {Id} for meeting {MeetingId}: an earlier attempt ended without a result; if it had been accepted, it gets there twice",
                kind.Name, id, message.MeetingId);
        }

        // From here on the attempt runs to its end even when the host is stopping: cut off, nobody would know whether the
        // far end took it.
        var sent = await kind.SendAsync(record!, id, CancellationToken.None);
        var now = time.GetUtcNow();
        if (sent.TryGet(out var accepted, out var failure))
        {
            await SettleAsync(kind, record!, id, deliveryId, d => d with { Status = Delivery.Sent, MessageId = accepted.Id, RoomId = accepted.RoomId, SentAt = now, LastError = null });
            logger.LogInformation("{Kind} {Id} for meeting {MeetingId} sent to {To} after {Attempts} attempt(s)",
                kind.Name, id, message.MeetingId, to, claimed.Attempts);
            return;
        }

        var wait = BackOff(claimed.Attempts, failure.RetryAfter);
        var again = failure.Kind == FailureKind.Unavailable && now + wait < claimed.QueuedAt + kind.RetryWindow;
        var settled = await SettleAsync(kind, record!, id, deliveryId,
            d => d with { Status = again ? Delivery.Pending : Delivery.Failed, LastError = failure.Detail });
        if (again)
        {
            // The claim was released first: a crash before the message is queued again leaves this delivery to the queue.
            logger.LogWarning("{Kind} {Id} for meeting {MeetingId} to {To}: {Reason}; trying again in {Seconds} s",
                kind.Name, id, message.MeetingId, to, failure.Detail, (int)wait.TotalSeconds);
            await outbox.EnqueueAsync(message, wait, CancellationToken.None);
            return;
        }

        logger.LogWarning("{Kind} {Id} for meeting {MeetingId} to {To} failed: {Reason}", kind.Name, id, message.MeetingId, to, failure.Detail);
        if (settled is not null)
        {
            await kind.FailedAsync(settled, id, CancellationToken.None);
        }
    }

    /// <summary>The host gave up on the message (it is in the poison queue): the record says so instead of staying pending.</summary>
    public async Task GiveUpAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var kind = KindOf(message);
        logger.LogError("{Kind} {Id} for meeting {MeetingId} failed repeatedly and was given up", kind.Name, message.Id, message.MeetingId);
        var failed = false;
        var record = await store.ChangeAsync(message.MeetingId, current => (failed = Pending(kind, current, message.Id) is not null)
            ? kind.Change(current, message.Id, d => d with
            {
                Status = Delivery.Failed, LastError = d.LastError ?? "Sending failed repeatedly; it was given up.", SendingBy = null,
            })
            : null, cancellationToken);
        if (failed && record is not null)
        {
            await kind.FailedAsync(record, message.Id, cancellationToken);
        }
    }

    /// <summary>Ends this delivery's claim with <paramref name="change"/>, unless the entry is no longer this delivery's.</summary>
    private Task<MeetingRecord?> SettleAsync(INotificationKind kind, MeetingRecord record, string id, string deliveryId, Func<Delivery, Delivery> change)
        => store.ChangeAsync(record, current => Pending(kind, current, id)?.SendingBy == deliveryId
            ? kind.Change(current, id, d => change(d) with { SendingBy = null })
            : null, CancellationToken.None);

    private INotificationKind KindOf(NotificationMessage message)
        => _kinds.TryGetValue(message.Kind, out var kind) ? kind : throw new InvalidOperationException($"No notification kind '{message.Kind}'.");

    private static Delivery? Pending(INotificationKind kind, MeetingRecord? record, string id)
        => record is not null && kind.Find(record, id) is { IsPending: true } delivery ? delivery : null;

    private static string WhyNot(INotificationKind kind, MeetingRecord? record, string id)
        => record is null ? "the meeting is gone (erased or purged)"
            : kind.Find(record, id) is not { } entry ? "the record holds no such entry"
            : !entry.IsPending ? $"it is {entry.Status} already"
            : "another delivery of it is sending it";

    /// <summary><c>Notifications__RetryBackOff</c> (1 s) after the first attempt, 2, 4… after the next, at most a minute; never sooner than the far end asked.</summary>
    private TimeSpan BackOff(int attempts, TimeSpan? retryAfter)
    {
        var first = options.Value.RetryBackOff;
        var backOff = TimeSpan.FromSeconds(Math.Min(MaxBackOff.TotalSeconds, first.TotalSeconds * Math.Pow(2, Math.Max(0, attempts - 1))));
        return retryAfter is { } asked && asked > backOff ? asked : backOff;
    }
}

/// <summary>One kind of thing the service sends: its entries on the record, how one is sent, and what a final failure means.</summary>
public interface INotificationKind
{
    /// <summary>The <see cref="NotificationMessage.Kind"/> of its queue messages.</summary>
    string Name { get; }

    TimeSpan RetryWindow { get; }

    Delivery? Find(MeetingRecord record, string id);

    MeetingRecord Change(MeetingRecord record, string id, Func<Delivery, Delivery> change);

    /// <summary>For logs: to whom, masked.</summary>
    string Recipient(MeetingRecord record, string id);

    /// <summary>One attempt; the answer holds the far end's id for it, when it gave one.</summary>
    Task<Outcome<AcceptedMessage>> SendAsync(MeetingRecord record, string id, CancellationToken cancellationToken);

    /// <summary>Whether entry <paramref name="id"/> must wait until entries before it are settled; by default none waits.</summary>
    bool WaitsForEarlier(MeetingRecord record, string id) => false;

    /// <summary>What follows a final failure; by default nothing more than the record saying so.</summary>
    Task FailedAsync(MeetingRecord record, string id, CancellationToken cancellationToken) => Task.CompletedTask;
}
