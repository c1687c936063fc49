using MeetingLinks.Hosting;

namespace MeetingLinks.Notifications;

/// <summary>Where notifications wait to be sent.</summary>
public interface INotificationOutbox
{
    Task EnqueueAsync(NotificationMessage message, TimeSpan? delay, CancellationToken cancellationToken);
}

/// <summary>
/// Puts notifications on the queue the send function reads, through the connection the host reads it with
/// (<see cref="QueueStorage"/>), encoded as <c>host.json</c> tells the host to read them.
/// </summary>
public sealed class NotificationOutbox : INotificationOutbox
{
    private readonly Lazy<QueueClient> _queue;
    private readonly SharedStart _creation;

    public NotificationOutbox(IConfiguration configuration)
    {
        var options = new QueueClientOptions { MessageEncoding = HostJson.QueueMessageEncoding(AppContext.BaseDirectory) };
        _queue = new(() => QueueStorage.Connect(configuration, QueueStorage.DefaultConnection, options).GetQueueClient(NotificationQueueFunctions.QueueName));
        _creation = new(() => _queue.Value.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None));
    }

    public async Task EnqueueAsync(NotificationMessage message, TimeSpan? delay, CancellationToken cancellationToken)
    {
        try
        {
            await _creation.WaitAsync(cancellationToken);
            await _queue.Value.SendMessageAsync(message.ToJson(), visibilityTimeout: delay, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && StorageAccess.IsOutage(ex))
        {
            throw new StorageUnavailableException("The notification queue did not answer.", ex);
        }
    }
}

public static class NotificationOutboxExtensions
{
    /// <summary>Queues entry <paramref name="id"/> of <paramref name="kind"/> when the record has it still to send.</summary>
    public static Task QueueIfPendingAsync(
        this INotificationOutbox outbox, MeetingRecord record, INotificationKind kind, string id, CancellationToken cancellationToken)
        => outbox.QueueIfPendingAsync(record.MeetingId, kind.Name, id, kind.Find(record, id), cancellationToken);

    /// <summary>Queues entry <paramref name="id"/> of kind <paramref name="kind"/> when <paramref name="delivery"/> is still to send.</summary>
    public static Task QueueIfPendingAsync(
        this INotificationOutbox outbox, string meetingId, string kind, string id, Delivery? delivery, CancellationToken cancellationToken)
        => delivery is { IsPending: true } ? outbox.EnqueueAsync(new(meetingId, kind, id), null, cancellationToken) : Task.CompletedTask;
}
