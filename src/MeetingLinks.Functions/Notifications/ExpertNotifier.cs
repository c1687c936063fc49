using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Outcomes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Notifications;

/// <summary>
/// Takes a batch's host links to the expert, once. The record says what has happened: a message already sent or
/// failed is not sent again, one being sent by another instance (its lease) is looked at again later, and a claim
/// written with If-Match decides who sends. Webex has no idempotency key, so the one gap left is a crash between
/// Webex accepting a message and the record noting it: the next attempt finds the lease run out, sends again and
/// says so in the log. Failures worth trying again go back on the queue with a back-off (Webex's
/// <c>Retry-After</c> when it gives one) until <c>Notifications__RetryWindow</c> has passed.
/// </summary>
public sealed class ExpertNotifier(
    IMeetingStore store,
    WebexMessagesClient webex,
    INotificationOutbox outbox,
    IOptions<NotificationsOptions> options,
    TimeProvider time,
    ILogger<ExpertNotifier> logger)
{
    /// <summary>How long a claim to send holds: well beyond one attempt (Webex__RequestTimeout is at most a minute).</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(1);

    // A copy that finds another instance sending (or claiming first) looks again this soon: by then it is usually sent.
    private static readonly TimeSpan SendingRecheck = TimeSpan.FromSeconds(2);

    public async Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();
        if (await store.GetAsync(message.MeetingId, cancellationToken) is not { } record)
        {
            logger.LogInformation("No expert message for meeting {MeetingId}: the meeting is gone (erased or purged)", message.MeetingId);
            return;
        }

        // The links and this message's entry are stored before the message is queued: without them there is nothing to send.
        if (record.Notifications.FirstOrDefault(n => n.Batch == message.Batch) is not { } notification
            || !record.Links.Any(l => l.Batch == message.Batch))
        {
            logger.LogWarning("No expert message for meeting {MeetingId} ({Batch}): the record holds no such links", message.MeetingId, message.Batch);
            return;
        }

        if (notification.Status != ExpertNotification.Pending)
        {
            logger.LogInformation("Expert message for meeting {MeetingId} ({Batch}) is {Status} already; not sent again",
                message.MeetingId, message.Batch, notification.Status);
            return;
        }

        if (notification.IsSendingAt(now))
        {
            // Another instance is sending: look again soon (the lease is only the bound for an attempt that vanished).
            var left = notification.SendingUntil!.Value - now;
            await AgainAsync(message, left < SendingRecheck ? left : SendingRecheck, cancellationToken);
            return;
        }

        if (notification.NotBefore > now)
        {
            // Webex asked to wait, or the back-off does: every copy of the message waits as long.
            await AgainAsync(message, notification.NotBefore!.Value - now, cancellationToken);
            return;
        }

        if (await ClaimAsync(record, message, notification, now, cancellationToken) is not { } claimed)
        {
            // Someone else claimed it or settled it first; the record tells what happens next.
            await AgainAsync(message, SendingRecheck, cancellationToken);
            return;
        }

        await SendClaimedAsync(message, claimed.Stored, claimed.Notification, cancellationToken);
    }

    /// <summary>The host gave up on the message (it is in the poison queue): the record says so instead of staying pending.</summary>
    public async Task GiveUpAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        logger.LogError("Expert message for meeting {MeetingId} ({Batch}) failed repeatedly and was given up", message.MeetingId, message.Batch);
        await FinishAsync(await store.GetAsync(message.MeetingId, cancellationToken), message, n => n.Status == ExpertNotification.Pending
            ? n with { Status = ExpertNotification.Failed, LastError = n.LastError ?? "Sending failed repeatedly; the message was given up.", SendingUntil = null }
            : n, cancellationToken);
    }

    /// <summary>The claim, written on the record just read: it holds only if nobody changed the notification meanwhile.</summary>
    private async Task<(MeetingRecord Stored, ExpertNotification Notification)?> ClaimAsync(
        MeetingRecord stored, NotificationMessage message, ExpertNotification seen, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (seen.SendingUntil is not null)
        {
            logger.LogWarning(
                "Expert message for meeting {MeetingId} ({Batch}): an earlier attempt ended without a result; if Webex had accepted it, the expert gets it twice",
                message.MeetingId, message.Batch);
        }

        var lease = now + Lease;
        var updated = await store.ChangeAsync(stored, record => record.Notifications.FirstOrDefault(n => n.Batch == message.Batch) is { } current
            && current.Status == ExpertNotification.Pending && !current.IsSendingAt(now) && !(current.NotBefore > now)
                ? record with
                {
                    Notifications = ExpertNotification.Replace(record.Notifications, message.Batch,
                        n => n with { SendingUntil = lease, NotBefore = null, Attempts = n.Attempts + 1 }),
                }
                : null, cancellationToken);
        return updated?.Notifications.FirstOrDefault(n => n.Batch == message.Batch) is { } mine && mine.SendingUntil == lease
            ? (updated, mine)
            : null;
    }

    private async Task SendClaimedAsync(NotificationMessage message, MeetingRecord stored, ExpertNotification notification, CancellationToken cancellationToken)
    {
        if (ExpertMessage.For(stored, message.Batch) is not { } content)
        {
            await FinishAsync(stored, message, n => n with { Status = ExpertNotification.Failed, LastError = "These links have no host link to send.", SendingUntil = null }, cancellationToken);
            return;
        }

        // A claimed attempt is finished even when the host is stopping (it waits for it, within Webex__RequestTimeout):
        // cut off, nobody would know whether Webex took the message, and the next attempt might repeat it.
        cancellationToken = CancellationToken.None;
        var sent = await webex.SendAsync(notification.Target, content, cancellationToken);
        var now = time.GetUtcNow();
        if (sent.TryGet(out var accepted, out var failure))
        {
            await FinishAsync(stored, message, n => n with
            {
                Status = ExpertNotification.Sent, MessageId = accepted.Id, SentAt = now, LastError = null, SendingUntil = null,
            }, cancellationToken);
            logger.LogInformation("Expert message for meeting {MeetingId} ({Batch}) sent to {Expert} after {Attempts} attempt(s)",
                message.MeetingId, message.Batch, notification.Target.Masked, notification.Attempts);
            return;
        }

        var wait = BackOff(notification.Attempts, failure.RetryAfter);
        if (failure.Kind == FailureKind.Unavailable && now + wait < notification.QueuedAt + options.Value.RetryWindow)
        {
            logger.LogWarning("Expert message for meeting {MeetingId} ({Batch}) to {Expert}: {Reason}; trying again in {Seconds} s",
                message.MeetingId, message.Batch, notification.Target.Masked, failure.Detail, (int)wait.TotalSeconds);
            await FinishAsync(stored, message, n => n with { LastError = failure.Detail, SendingUntil = null, NotBefore = now + wait }, cancellationToken);
            await AgainAsync(message, wait, cancellationToken);
            return;
        }

        logger.LogWarning("Expert message for meeting {MeetingId} ({Batch}) to {Expert} failed: {Reason}",
            message.MeetingId, message.Batch, notification.Target.Masked, failure.Detail);
        await FinishAsync(stored, message, n => n with { Status = ExpertNotification.Failed, LastError = failure.Detail, SendingUntil = null }, cancellationToken);
    }

    /// <summary>Changes the notification on the record, from the one last seen (the store re-applies it on a lost race).</summary>
    private async Task FinishAsync(
        MeetingRecord? stored, NotificationMessage message, Func<ExpertNotification, ExpertNotification> change, CancellationToken cancellationToken)
    {
        if (stored is not null)
        {
            await store.ChangeAsync(stored, record => record.Notifications.Any(n => n.Batch == message.Batch)
                ? record with { Notifications = ExpertNotification.Replace(record.Notifications, message.Batch, change) }
                : null, cancellationToken);
        }
    }

    private Task AgainAsync(NotificationMessage message, TimeSpan delay, CancellationToken cancellationToken)
        => outbox.EnqueueAsync(message, delay, cancellationToken);

    /// <summary>1, 2, 4… seconds after each attempt, at most a minute; never sooner than Webex asked.</summary>
    private static TimeSpan BackOff(int attempts, TimeSpan? retryAfter)
    {
        var backOff = TimeSpan.FromSeconds(Math.Min(MaxBackOff.TotalSeconds, Math.Pow(2, Math.Max(0, attempts - 1))));
        return retryAfter is { } asked && asked > backOff ? asked : backOff;
    }
}
