using Microsoft.Azure.Functions.Worker;

namespace MeetingLinks.Notifications;

/// <summary>
/// Sends the host links to the expert from the storage queue, so the flow's answer never waits for Webex and a
/// message survives a restart. A message the host gives up on (its poison queue) ends as <c>failed</c> on the record.
/// </summary>
public sealed class ExpertNotificationFunctions(ExpertNotifier notifier)
{
    public const string QueueName = "expert-notifications";
    public const string PoisonQueueName = QueueName + "-poison";

    [Function("SendExpertNotification")]
    public Task Send([QueueTrigger(QueueName)] string message, FunctionContext context, CancellationToken cancellationToken)
        => notifier.SendAsync(NotificationMessage.Parse(message), QueueMessageId(context), cancellationToken);

    [Function("ExpertNotificationGaveUp")]
    public Task GaveUp([QueueTrigger(PoisonQueueName)] string message, CancellationToken cancellationToken)
        => notifier.GiveUpAsync(NotificationMessage.Parse(message), cancellationToken);

    // The host hands every queue trigger the message's metadata; its id stays the same across redeliveries.
    private static string QueueMessageId(FunctionContext context)
        => context.BindingContext.BindingData.TryGetValue("Id", out var id) && id is string { Length: > 0 } text
            ? text
            : throw new InvalidOperationException("The queue trigger gave no message id.");
}
