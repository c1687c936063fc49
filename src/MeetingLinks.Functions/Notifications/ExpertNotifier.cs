using Microsoft.Extensions.Logging;

namespace MeetingLinks.Notifications;

/// <summary>Sends (and gives up on) the expert's messages; see <see cref="ExpertNotificationFunctions"/>.</summary>
public sealed class ExpertNotifier(ILogger<ExpertNotifier> logger)
{
    public Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        logger.LogInformation("Expert notification for meeting {MeetingId}, links {Batch}", message.MeetingId, message.Batch);
        return Task.CompletedTask;
    }

    public Task GiveUpAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        logger.LogWarning("Expert notification for meeting {MeetingId}, links {Batch} given up", message.MeetingId, message.Batch);
        return Task.CompletedTask;
    }
}
