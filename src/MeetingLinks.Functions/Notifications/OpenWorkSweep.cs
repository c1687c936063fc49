namespace MeetingLinks.Notifications;

/// <summary>
/// Puts on the queue again what a crash kept from it. A record's change and the queue put that follows are two writes; a
/// process that dies between them leaves work open on the record (a message to send, a timer) that no queue message will
/// ever bring. Every minute this reads the index of open work for items open longer than <c>Notifications__SweepAfter</c>,
/// re-reads their meetings, and queues what is still open (the sending path and the timers are safe to run twice). Items
/// settled meanwhile leave the index.
/// </summary>
public sealed class OpenWorkSweep(
    IMeetingStore store, INotificationOutbox outbox, IOptions<NotificationsOptions> options, TimeProvider time, ILogger<OpenWorkSweep> logger)
{
    /// <summary>Items one sweep looks at; the rest wait for the next minute.</summary>
    public const int MaxItems = 500;

    /// <summary>Queues again each open item found; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var late = now - options.Value.SweepAfter;
        var queued = 0;
        foreach (var meeting in (await store.FindOpenWorkAsync(late, MaxItems, cancellationToken)).GroupBy(w => w.MeetingId))
        {
            var record = await store.GetAsync(meeting.Key, cancellationToken);
            foreach (var item in meeting)
            {
                if (record?.OpenWork.FirstOrDefault(w => w.Kind == item.Kind && w.Id == item.Id) is not { } open)
                {
                    // Work a meeting still plans (its links are not there yet: the create failed or runs) keeps its row.
                    if (record?.PlannedWork.Contains(item) == true)
                    {
                        await store.KeepOpenWorkAsync(item, now, cancellationToken);
                    }
                    else
                    {
                        await store.ForgetOpenWorkAsync(item, cancellationToken);
                    }

                    continue;
                }

                if (open.DueAt is { } due && due >= late)
                {
                    // A timer not late yet (its row was written before it was due): look again once it could be.
                    await store.KeepOpenWorkAsync(open, due, cancellationToken);
                    continue;
                }

                logger.LogWarning("{Kind} {Id} for meeting {MeetingId} has been open since before {OpenBefore:o}; queued again",
                    open.Kind, open.Id, open.MeetingId, late);
                await outbox.EnqueueAsync(open, null, cancellationToken);
                await store.KeepOpenWorkAsync(open, now, cancellationToken);
                queued++;
            }
        }

        return queued;
    }
}
