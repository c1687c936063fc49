using MeetingLinks.Hosting;

namespace MeetingLinks.Notifications;

/// <summary>Where expert messages wait to be sent.</summary>
public interface INotificationOutbox
{
    /// <summary>Enqueues <paramref name="message"/>, invisible for <paramref name="delay"/> first.</summary>
    Task EnqueueAsync(NotificationMessage message, TimeSpan? delay, CancellationToken cancellationToken);
}

/// <summary>
/// The outbox of expert messages: puts them on the queue the send function reads, through the connection the host
/// reads it with (<see cref="QueueStorage"/>), encoded as <c>host.json</c> tells the host to read them.
/// </summary>
public sealed class NotificationOutbox : INotificationOutbox
{
    private readonly Lazy<QueueClient> _queue;
    private readonly SharedStart _creation;

    public NotificationOutbox(IConfiguration configuration)
    {
        var options = new QueueClientOptions { MessageEncoding = HostJson.QueueMessageEncoding(AppContext.BaseDirectory) };
        _queue = new Lazy<QueueClient>(() => QueueStorage.Connect(configuration, QueueStorage.DefaultConnection, options)
            .GetQueueClient(NotificationQueueFunctions.QueueName));
        _creation = new SharedStart(() => _queue.Value.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None));
    }

    public async Task EnqueueAsync(NotificationMessage message, TimeSpan? delay, CancellationToken cancellationToken)
    {
        try
        {
            await _creation.WaitAsync(cancellationToken);
            await _queue.Value.SendMessageAsync(message.ToJson(), visibilityTimeout: delay, cancellationToken: cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (StorageAccess.IsOutage(ex))
        {
            throw new StorageUnavailableException("The notification queue did not answer.", ex);
        }
    }
}

public static class NotificationOutboxExtensions
{
    /// <summary>Queues entry <paramref name="id"/> of <paramref name="kind"/> when the record has it still to send.</summary>
    public static Task QueueIfPendingAsync(
        this INotificationOutbox outbox, Meetings.MeetingRecord record, INotificationKind kind, string id, CancellationToken cancellationToken)
        => outbox.QueueIfPendingAsync(record.MeetingId, kind.Name, id, kind.Find(record, id), cancellationToken);

    /// <summary>Queues the expert's message for <paramref name="batch"/> when the record has one that is still to be sent.</summary>
    public static Task NotifyIfPendingAsync(this INotificationOutbox outbox, Meetings.MeetingRecord record, string batch, CancellationToken cancellationToken)
        => outbox.QueueIfPendingAsync(record.MeetingId, ExpertMessages.KindName, batch, ExpertMessages.DeliveryOf(record, batch), cancellationToken);

    private static Task QueueIfPendingAsync(
        this INotificationOutbox outbox, string meetingId, string kind, string id, Delivery? delivery, CancellationToken cancellationToken)
        => delivery is { IsPending: true }
            ? outbox.EnqueueAsync(new NotificationMessage(meetingId, kind, id), null, cancellationToken)
            : Task.CompletedTask;
}
