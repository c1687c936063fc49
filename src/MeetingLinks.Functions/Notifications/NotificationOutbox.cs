using MeetingLinks.Hosting;

namespace MeetingLinks.Notifications;

/// <summary>Where notifications wait to be sent.</summary>
public interface INotificationOutbox
{
    /// <summary>Puts <paramref name="message"/> on the queue, invisible for <paramref name="delay"/>, or a timer until it is due.</summary>
    Task EnqueueAsync(NotificationMessage message, TimeSpan? delay, CancellationToken cancellationToken);
}

/// <summary>
/// Puts notifications on the queue the send function reads, through the connection the host reads it with
/// (<see cref="QueueStorage"/>), encoded as <c>host.json</c> tells the host to read them. A timer is put invisible until
/// it is due, or for as long as a queue holds a message invisible when it is due later; it never expires.
/// </summary>
public sealed class NotificationOutbox : INotificationOutbox
{
    /// <summary>The longest a storage queue keeps a message invisible is 7 days; a timer due later comes back before then.</summary>
    public static readonly TimeSpan LongestHop = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly Lazy<QueueClient> _queue;
    private readonly SharedStart _creation;
    private readonly TimeProvider _time;

    public NotificationOutbox(IConfiguration configuration, TimeProvider time)
    {
        _time = time;
        var options = new QueueClientOptions { MessageEncoding = HostJson.QueueMessageEncoding(AppContext.BaseDirectory) };
        _queue = new(() => QueueStorage.Connect(configuration, QueueStorage.DefaultConnection, options).GetQueueClient(NotificationQueueFunctions.QueueName));
        _creation = new(() => _queue.Value.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None));
    }

    /// <summary>How long <paramref name="message"/> stays invisible: <paramref name="delay"/>, or a timer until it is due, one hop at most.</summary>
    public static TimeSpan? InvisibleFor(NotificationMessage message, TimeSpan? delay, DateTimeOffset now)
    {
        if (message.DueAt is not { } due)
        {
            return delay;
        }

        var wait = due - now;
        if (wait <= TimeSpan.Zero)
        {
            return null;
        }

        return wait < LongestHop ? wait : LongestHop;
    }

    public async Task EnqueueAsync(NotificationMessage message, TimeSpan? delay, CancellationToken cancellationToken)
    {
        try
        {
            await _creation.WaitAsync(cancellationToken);
            await _queue.Value.SendMessageAsync(message.ToJson(), visibilityTimeout: InvisibleFor(message, delay, _time.GetUtcNow()),
                timeToLive: message.IsTimer ? NeverExpires : null, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && StorageAccess.IsOutage(ex))
        {
            throw new StorageUnavailableException("The notification queue did not answer.", ex);
        }
    }
}

public static class NotificationOutboxExtensions
{
    /// <summary>
    /// The store's one change path, followed by the queue: applies <paramref name="change"/> to the meeting and queues the work
    /// the change opened (a message to send, a timer). A crash in between is what the sweep of open work is for.
    /// </summary>
    public static Task<MeetingRecord?> ChangeAndQueueAsync(
        this INotificationOutbox outbox, IMeetingStore store, string meetingId, Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken)
        => outbox.ChangeAndQueueAsync(tracked => store.ChangeAsync(meetingId, tracked, cancellationToken), change, cancellationToken);

    /// <summary>The same, from a record the store gave out.</summary>
    public static Task<MeetingRecord?> ChangeAndQueueAsync(
        this INotificationOutbox outbox, IMeetingStore store, MeetingRecord read, Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken)
        => outbox.ChangeAndQueueAsync(tracked => store.ChangeAsync(read, tracked, cancellationToken), change, cancellationToken);

    private static async Task<MeetingRecord?> ChangeAndQueueAsync(this INotificationOutbox outbox,
        Func<Func<MeetingRecord, MeetingRecord?>, Task<MeetingRecord?>> apply, Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken)
    {
        // What was open before the change that was written: a lost race applies the change again to another record.
        HashSet<NotificationMessage>? before = null;
        var saved = await apply(current =>
        {
            var next = change(current);
            before = next is null ? null : [.. current.OpenWork];
            return next;
        });
        if (saved is not null && before is not null)
        {
            await outbox.QueueAsync(saved.OpenWork.Where(work => !before.Contains(work)), cancellationToken);
        }

        return saved;
    }

    /// <summary>Puts each of <paramref name="work"/> on the queue at once, a timer until it is due.</summary>
    public static Task QueueAsync(this INotificationOutbox outbox, IEnumerable<NotificationMessage> work, CancellationToken cancellationToken)
        => Task.WhenAll(work.Select(message => outbox.EnqueueAsync(message, null, cancellationToken)));
}
