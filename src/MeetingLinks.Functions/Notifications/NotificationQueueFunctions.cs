namespace MeetingLinks.Notifications;

/// <summary>
/// Sends what the service sends (the expert's message, replies under it, events to the flow) from the storage queue,
/// so no answer waits for Webex or Connect and nothing is lost to a restart. A message the host gives up on (its
/// poison queue) ends as <c>failed</c> on the record. Timers share the queue (<see cref="NotificationTimers"/>).
/// </summary>
public sealed class NotificationQueueFunctions(NotificationSender sender, NotificationTimers timers, OpenWorkSweep sweep)
{
    public const string QueueName = "notifications";
    public const string PoisonQueueName = QueueName + "-poison";

    [Function("SendNotification")]
    public Task Send([QueueTrigger(QueueName)] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        var parsed = NotificationMessage.Parse(message);
        return parsed.IsTimer
            ? timers.FireAsync(parsed, cancellationToken)
            : sender.SendAsync(parsed, QueueMessageId(context), cancellationToken);
    }

    [Function("NotificationGaveUp")]
    public Task GaveUp([QueueTrigger(PoisonQueueName)] string message, CancellationToken cancellationToken)
    {
        var parsed = NotificationMessage.Parse(message);
        if (parsed.IsTimer)
        {
            timers.GiveUp(parsed);
            return Task.CompletedTask;
        }

        return sender.GiveUpAsync(parsed, cancellationToken);
    }

    /// <summary>Every minute: what a crash kept from the queue goes on it again.</summary>
    [Function("SweepOpenWork")]
    public Task Sweep([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellationToken)
        => sweep.SweepAsync(cancellationToken);

    // The host hands every queue trigger the message's metadata; its id stays the same across redeliveries.
    private static string QueueMessageId(FunctionContext context)
        => context.BindingContext.BindingData.TryGetValue("Id", out var id) && id is string { Length: > 0 } text
            ? text
            : throw new InvalidOperationException("The queue trigger gave no message id.");
}
