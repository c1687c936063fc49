using System.Collections.Concurrent;
using MeetingLinks.Notifications;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>The queue as a list: what was put on it, and for how long invisible.</summary>
public sealed class RecordingOutbox : INotificationOutbox
{
    public ConcurrentQueue<(NotificationMessage Message, TimeSpan? Delay)> Messages { get; } = new();

    public Task EnqueueAsync(NotificationMessage message, TimeSpan? delay, CancellationToken cancellationToken)
    {
        Messages.Enqueue((message, delay));
        return Task.CompletedTask;
    }
}
