namespace MeetingLinks.Notifications;

/// <summary>
/// Timers on the notifications queue: a message put invisible until it is due (<see cref="NotificationMessage.DueAt"/>),
/// handed to its kind when it surfaces. One due further ahead than a queue keeps a message invisible is put back for the
/// rest. Queues deliver at least once, so a kind re-reads the record and does nothing when the plan it was made for changed.
/// </summary>
public sealed class NotificationTimers(IEnumerable<ITimerKind> kinds, INotificationOutbox outbox, TimeProvider time, ILogger<NotificationTimers> logger)
{
    // A queue counts visibility in whole seconds (its emulator too): a timer may surface a little before its time.
    private static readonly TimeSpan Early = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, ITimerKind> _kinds = kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public async Task FireAsync(NotificationMessage timer, CancellationToken cancellationToken)
    {
        if (timer.DueAt > time.GetUtcNow() + Early)
        {
            await outbox.EnqueueAsync(timer, null, cancellationToken);
            return;
        }

        if (!_kinds.TryGetValue(timer.Kind, out var kind))
        {
            throw new InvalidOperationException($"No timer kind '{timer.Kind}'.");
        }

        await kind.FireAsync(timer, cancellationToken);
    }

    /// <summary>The host gave up on a timer: the work stays open on the record, so the sweep puts it on the queue again.</summary>
    public void GiveUp(NotificationMessage timer)
        => logger.LogError("Timer {Kind} {Id} for meeting {MeetingId} failed repeatedly; the sweep of open work tries it again",
            timer.Kind, timer.Id, timer.MeetingId);
}

/// <summary>One kind of timer: what to do when it is due.</summary>
public interface ITimerKind
{
    /// <summary>The <see cref="NotificationMessage.Kind"/> of its timers.</summary>
    string Name { get; }

    /// <summary>Re-reads the record and acts if the plan <paramref name="timer"/> was made for still holds; safe to run twice.</summary>
    Task FireAsync(NotificationMessage timer, CancellationToken cancellationToken);
}
