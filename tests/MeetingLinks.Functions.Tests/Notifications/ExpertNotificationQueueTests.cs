using Azure.Storage.Queues;
using MeetingLinks.Hosting;
using MeetingLinks.LocalRun;
using MeetingLinks.Notifications;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Notifications;

/// <summary>
/// The expert-notification functions driven from their storage queues by each host, with no HTTP involved. Each test
/// has queues of its own (an Azurite Queue service of its own), since the queue names are fixed by the functions.
/// </summary>
public abstract class ExpertNotificationQueueTests(HostKind kind, SharedAppHosts hosts, AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(kind, hosts, azurite, output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_message_put_on_the_queue_is_handled_and_deleted()
    {
        await using var queues = await OwnQueuesAsync();
        await using var app = await AppHosts.StartAsync(Kind, Settings(queues), Output.WriteLine);
        var meetingId = "m-" + Guid.NewGuid().ToString("N");

        await SendAsync(queues, new NotificationMessage(meetingId, "1", DateTimeOffset.UtcNow).ToJson());
        var took = await Eventually.UntilAsync(
            async () => await CountAsync(queues, ExpertNotificationFunctions.QueueName) == 0, Bound, "the queue to be emptied");

        Output.WriteLine($"{Kind}: put to consumed in {took.TotalMilliseconds:0} ms");
        Assert.Contains(meetingId, app.LogText, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(queues, ExpertNotificationFunctions.PoisonQueueName));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_moves_to_the_poison_queue_where_the_poison_function_takes_it()
    {
        await using var queues = await OwnQueuesAsync();
        await using var app = await AppHosts.StartAsync(Kind, Settings(queues), Output.WriteLine);
        var settings = HostJson.Queues(AppContext.BaseDirectory);

        // Not a notification message: the send fails every time, and the give-up fails too.
        await SendAsync(queues, "nonsense " + Guid.NewGuid());
        var poison = Queue(queues, ExpertNotificationFunctions.PoisonQueueName);
        var took = await Eventually.UntilAsync(
            async () => await CountAsync(queues, ExpertNotificationFunctions.QueueName) == 0
                && await CountAsync(queues, ExpertNotificationFunctions.PoisonQueueName) == 1
                && (await poison.PeekMessagesAsync()).Value.Length == 0
                && PoisonFunctionFailed(app),
            Bound,
            "the message to leave the queue for the poison queue, and the poison function to fail on it");

        // Taken from the poison queue and not deleted (the give-up failed too): hidden there, as the host leaves it.
        Output.WriteLine($"{Kind}: put to handled by the poison function in {took.TotalMilliseconds:0} ms");
        Assert.True(took >= (settings.MaxDequeueCount - 1) * settings.VisibilityTimeout, $"{took}: every failed attempt waits out the visibility timeout");
    }

    // Each host logs a failed invocation on one line with the function's name.
    private static bool PoisonFunctionFailed(AppHost app)
        => app.LogText.Split('\n').Any(line => line.Contains("ExpertNotificationGaveUp", StringComparison.Ordinal)
            && line.Contains("fail", StringComparison.OrdinalIgnoreCase));

    private static Task<AzuriteProcess> OwnQueuesAsync()
        => AzuriteProcess.StartAsync(new AzuriteStartOptions { QueuePort = 0, TablePort = null }, NullLogger.Instance, CancellationToken.None);

    private Dictionary<string, string?> Settings(AzuriteProcess queues)
        => AppHostSettings.With(Azurite, new Dictionary<string, string?> { ["AzureWebJobsStorage"] = queues.ConnectionString });

    // As a sender puts them: base64, the Functions host's default encoding (host.json says so too).
    private static QueueClient Queue(AzuriteProcess queues, string name)
        => new(queues.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    // A sender creates the queue it sends to: the host polls a missing queue but does not create it.
    private static async Task SendAsync(AzuriteProcess queues, string text)
    {
        var queue = Queue(queues, ExpertNotificationFunctions.QueueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(text);
    }

    private static async Task<int> CountAsync(AzuriteProcess queues, string name)
    {
        var queue = Queue(queues, name);
        return await queue.ExistsAsync() ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;
    }
}

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ExpertNotificationQueueOnLocalRun(SharedAppHosts hosts, AzuriteFixture azurite, ITestOutputHelper output)
    : ExpertNotificationQueueTests(HostKind.LocalRun, hosts, azurite, output), IClassFixture<SharedAppHosts>;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ExpertNotificationQueueOnWorker(SharedAppHosts hosts, AzuriteFixture azurite, ITestOutputHelper output)
    : ExpertNotificationQueueTests(HostKind.Worker, hosts, azurite, output), IClassFixture<SharedAppHosts>;
