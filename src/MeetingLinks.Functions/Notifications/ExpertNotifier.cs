using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Outcomes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Notifications;

/// <summary>
/// Takes a batch's host links to the expert, once, on the queue's terms. A delivery of a queue message claims the
/// record's entry with the message's id, sends, and marks the entry sent or failed. Another copy of the message (a
/// replay, ops' resend) that finds the claim leaves it be; the same message seen again means its earlier attempt
/// died, so it takes over. Webex has no idempotency key: had that attempt reached Webex, the expert gets it twice,
/// and the log says so. A failure worth retrying releases the claim and puts the message back on the queue,
/// invisible for as long as Webex asked (<c>Retry-After</c>) or the back-off says, until
/// <c>Notifications__RetryWindow</c> is over; the poison queue ends it as failed.
/// </summary>
public sealed class ExpertNotifier(
    IMeetingStore store,
    WebexMessagesClient webex,
    INotificationOutbox outbox,
    IOptions<NotificationsOptions> options,
    TimeProvider time,
    ILogger<ExpertNotifier> logger)
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(1);

    /// <param name="deliveryId">The queue message's id: the same on every delivery of one message, new when it is queued again.</param>
    public async Task SendAsync(NotificationMessage message, string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var takenOver = false;
        var record = await store.ChangeAsync(message.MeetingId, current =>
        {
            var entry = Pending(current, message.Batch);
            takenOver = entry?.SendingBy == deliveryId;
            return entry is not null && (entry.SendingBy is null || takenOver)
                ? With(current, message.Batch, n => n with { SendingBy = deliveryId, Attempts = n.Attempts + 1 })
                : null;
        }, cancellationToken);

        if (Pending(record, message.Batch) is not { } claimed || claimed.SendingBy != deliveryId)
        {
            logger.LogInformation("Expert message for meeting {MeetingId} ({Batch}) not sent by this delivery: {Reason}",
                message.MeetingId, message.Batch, WhyNot(record, message.Batch));
            return;
        }

        if (takenOver)
        {
            logger.LogWarning(
                "Expert message for meeting {MeetingId} ({Batch}): an earlier attempt ended without a result; if Webex had accepted it, the expert gets it twice",
                message.MeetingId, message.Batch);
        }

        // From here on the attempt is finished even when the host is stopping: cut off, nobody would know whether
        // Webex took the message.
        await SendClaimedAsync(record!, message, claimed, deliveryId);
    }

    /// <summary>The host gave up on the message (it is in the poison queue): the record says so instead of staying pending.</summary>
    public async Task GiveUpAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        logger.LogError("Expert message for meeting {MeetingId} ({Batch}) failed repeatedly and was given up", message.MeetingId, message.Batch);
        await store.ChangeAsync(message.MeetingId, current => Pending(current, message.Batch) is not null
            ? With(current, message.Batch, n => n with
            {
                Status = ExpertNotification.Failed, LastError = n.LastError ?? "Sending failed repeatedly; the message was given up.", SendingBy = null,
            })
            : null, cancellationToken);
    }

    private async Task SendClaimedAsync(MeetingRecord record, NotificationMessage message, ExpertNotification claimed, string deliveryId)
    {
        var sent = ExpertMessage.For(record, message.Batch) is { } content
            ? await webex.SendAsync(claimed.Target, content, CancellationToken.None)
            : new Failure(FailureKind.Invalid, ProblemCodes.NoHostLink, "No host link", "These links have no host link to send.");
        var now = time.GetUtcNow();
        if (sent.TryGet(out var accepted, out var failure))
        {
            await SettleAsync(record, message.Batch, deliveryId, n => n with { Status = ExpertNotification.Sent, MessageId = accepted.Id, SentAt = now, LastError = null });
            logger.LogInformation("Expert message for meeting {MeetingId} ({Batch}) sent to {Expert} after {Attempts} attempt(s)",
                message.MeetingId, message.Batch, claimed.Target.Masked, claimed.Attempts);
            return;
        }

        var wait = BackOff(claimed.Attempts, failure.RetryAfter);
        var again = failure.Kind == FailureKind.Unavailable && now + wait < claimed.QueuedAt + options.Value.RetryWindow;
        await SettleAsync(record, message.Batch, deliveryId, n => n with
        {
            Status = again ? ExpertNotification.Pending : ExpertNotification.Failed, LastError = failure.Detail,
        });
        if (!again)
        {
            logger.LogWarning("Expert message for meeting {MeetingId} ({Batch}) to {Expert} failed: {Reason}",
                message.MeetingId, message.Batch, claimed.Target.Masked, failure.Detail);
            return;
        }

        // The claim is released first: a crash before the message is queued again leaves this delivery to the queue.
        logger.LogWarning("Expert message for meeting {MeetingId} ({Batch}) to {Expert}: {Reason}; trying again in {Seconds} s",
            message.MeetingId, message.Batch, claimed.Target.Masked, failure.Detail, (int)wait.TotalSeconds);
        await outbox.EnqueueAsync(message, wait, CancellationToken.None);
    }

    /// <summary>Ends this delivery's claim with <paramref name="change"/>, unless the entry is no longer this delivery's.</summary>
    private Task<MeetingRecord?> SettleAsync(MeetingRecord record, string batch, string deliveryId, Func<ExpertNotification, ExpertNotification> change)
        => store.ChangeAsync(record, current => Pending(current, batch)?.SendingBy == deliveryId
            ? With(current, batch, n => change(n) with { SendingBy = null })
            : null, CancellationToken.None);

    private static ExpertNotification? Pending(MeetingRecord? record, string batch)
        => record?.Notifications.FirstOrDefault(n => n.Batch == batch && n.Status == ExpertNotification.Pending);

    private static MeetingRecord With(MeetingRecord record, string batch, Func<ExpertNotification, ExpertNotification> change)
        => record with { Notifications = [.. record.Notifications.Select(n => n.Batch == batch ? change(n) : n)] };

    private static string WhyNot(MeetingRecord? record, string batch)
        => record is null ? "the meeting is gone (erased or purged)"
            : record.Notifications.FirstOrDefault(n => n.Batch == batch) is not { } entry ? "the record holds no message for these links"
            : entry.Status != ExpertNotification.Pending ? $"it is {entry.Status} already"
            : "another delivery of it is sending it";

    /// <summary>1, 2, 4… seconds after each attempt, at most a minute; never sooner than Webex asked.</summary>
    private static TimeSpan BackOff(int attempts, TimeSpan? retryAfter)
    {
        var backOff = TimeSpan.FromSeconds(Math.Min(MaxBackOff.TotalSeconds, Math.Pow(2, Math.Max(0, attempts - 1))));
        return retryAfter is { } asked && asked > backOff ? asked : backOff;
    }
}
