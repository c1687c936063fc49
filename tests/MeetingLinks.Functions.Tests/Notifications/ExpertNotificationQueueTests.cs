using Azure.Storage.Queues;
using MeetingLinks.Experts;
using MeetingLinks.Notifications;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Notifications;

/// <summary>
/// The expert-notification functions driven from their storage queue by the development host's queue trigger, with no
/// HTTP involved: a handled message is deleted, one that keeps failing goes to the poison queue. The app has a storage
/// account of its own, so no other app takes its messages, and small queue timings given as the Functions host takes
/// them (<c>AzureFunctionsJobHost__extensions__queues__*</c>), so the poison path takes a few seconds.
/// </summary>
public sealed class ExpertNotificationQueueTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    private const int MaxDequeueCount = 3;
    // Storage queues count visibility in whole seconds.
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_message_put_on_the_queue_is_handled_and_deleted()
    {
        var app = await AppAsync();
        var meetingId = "m-" + Guid.NewGuid().ToString("N");

        var sent = await SendAsync(app, new NotificationMessage(meetingId, ExpertMessages.KindName, "1").ToJson());
        var took = await Eventually.UntilAsync(
            () => Task.FromResult(app.LogText.Contains($"SendNotification: message {sent}, attempt 1 succeeded; deleted", StringComparison.Ordinal)),
            Bound, "the message to be handled and deleted");

        Output.WriteLine($"put to consumed in {took.TotalMilliseconds:0} ms");
        Assert.Contains(meetingId, app.LogText, StringComparison.Ordinal);
        Assert.DoesNotContain($"message {sent}, attempt 2", app.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_moves_to_the_poison_queue_where_the_poison_function_takes_it()
    {
        var app = await QueueAppAsync();

        // Not a notification message: the send fails every time, and the give-up fails too.
        var nonsense = "nonsense " + Guid.NewGuid();
        var sent = await SendAsync(app, nonsense);
        var poison = Queue(app, NotificationQueueFunctions.PoisonQueueName);
        var took = await Eventually.UntilAsync(
            async () => await CountAsync(app, NotificationQueueFunctions.QueueName) == 0
                && await CountAsync(app, NotificationQueueFunctions.PoisonQueueName) == 1
                && (await poison.PeekMessagesAsync()).Value.Length == 0
                && PoisonFunctionFailed(app),
            Bound,
            "the message to leave the queue for the poison queue, and the poison function to fail on it");

        // Taken from the poison queue and not deleted (the give-up failed too): hidden there, as the host leaves it.
        Output.WriteLine($"put to handled by the poison function in {took.TotalMilliseconds:0} ms");
        Assert.True(took >= (MaxDequeueCount - 1) * VisibilityTimeout, $"{took}: every failed attempt waits out the visibility timeout");
        Assert.Equal(MaxDequeueCount, app.LogText.Split('\n').Count(line => line.Contains($"SendNotification: message {sent}", StringComparison.Ordinal)
            && line.Contains("failed", StringComparison.Ordinal)));
    }

    private Task<AppHost> QueueAppAsync() => SharedAppAsync("small-queue-timings", new Dictionary<string, string?>
    {
        ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = $"{MaxDequeueCount}",
        ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = VisibilityTimeout.ToString(),
    });

    // The host logs a failed invocation on one line with the function's name.
    private static bool PoisonFunctionFailed(AppHost app)
        => app.LogText.Split('\n').Any(line => line.Contains("NotificationGaveUp", StringComparison.Ordinal)
            && line.Contains("fail", StringComparison.OrdinalIgnoreCase));

    // As a sender puts them: base64, the Functions host's default encoding (host.json says so too).
    private static QueueClient Queue(AppHost app, string name)
        => new(app.Host.Settings["AzureWebJobsStorage"], name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    // A sender creates the queue it sends to: the host polls a missing queue but does not create it.
    private static async Task<string> SendAsync(AppHost app, string text)
    {
        var queue = Queue(app, NotificationQueueFunctions.QueueName);
        await queue.CreateIfNotExistsAsync();
        return (await queue.SendMessageAsync(text)).Value.MessageId;
    }

    private static async Task<int> CountAsync(AppHost app, string name)
    {
        var queue = Queue(app, name);
        return await queue.ExistsAsync() ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;
    }
}
