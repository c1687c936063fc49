using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using MeetingLinks.DevHost.Hosting.Protocol;

namespace MeetingLinks.DevHost.Hosting.Queues;

/// <summary>
/// The host's storage-queue listener, for every loaded <c>queueTrigger</c> function: polls its queue, invokes the
/// function with each message, then deletes the message (success), makes it visible again after host.json's
/// <c>visibilityTimeout</c> (failure), or moves it to <c>&lt;queue&gt;-poison</c> once it has failed
/// <c>maxDequeueCount</c> times. While a queue is missing, or cannot be read, it backs off as the host does, doubling
/// the wait up to <c>maxPollingInterval</c>; so does a poison queue while it is empty, and moving a message there
/// wakes its listener at once, as the host's shared queue watcher does. An empty queue that exists, though, is polled
/// again at a fixed short interval, where the host would back off too: the app puts its messages there, which the host
/// does not hear of, and tests should not wait.
/// </summary>
internal sealed class QueueTriggerPump : IAsyncDisposable
{
    // A received message stays hidden this long while its function runs, as the host receives it.
    private static readonly TimeSpan ReceiveLease = TimeSpan.FromMinutes(10);

    private readonly QueueTriggerOptions options;
    private readonly TimeSpan pollInterval;
    private readonly StartInvocation invoke;
    private readonly HostLog log;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> listeners = [];
    private readonly Dictionary<Uri, Wakeup> wakeups = [];

    private QueueTriggerPump(QueueTriggerOptions options, TimeSpan pollInterval, StartInvocation invoke, HostLog log)
    {
        this.options = options;
        this.pollInterval = pollInterval;
        this.invoke = invoke;
        this.log = log;
    }

    /// <summary>
    /// Starts listening for each queue function whose connection setting is a connection string in
    /// <paramref name="settings"/>; the host reports a function without one as in error, and runs the others.
    /// </summary>
    public static QueueTriggerPump Start(
        IEnumerable<LoadedFunction> functions, IDictionary<string, string> settings, QueueTriggerOptions options,
        TimeSpan pollInterval, StartInvocation invoke, HostLog log)
    {
        var pump = new QueueTriggerPump(options, pollInterval, invoke, log);
        foreach (var function in functions.Where(f => f.IsQueue))
        {
            if (!settings.TryGetValue(function.Connection!, out var connectionString) || string.IsNullOrEmpty(connectionString))
            {
                log.Write($"[host] {function.Name} is in error: no connection string in the setting '{function.Connection}'; its queue is not watched");
                continue;
            }

            // As stored, whatever the encoding: the double decodes, and a poison copy keeps the stored text.
            var account = new QueueServiceClient(connectionString);
            var queue = account.GetQueueClient(function.QueueName);
            var poison = IsPoison(function.QueueName!) ? null : account.GetQueueClient(function.QueueName + "-poison");
            pump.listeners.Add(pump.ListenAsync(function, queue, poison, pump.WakeupOf(queue), pump.stopping.Token));
            log.Write($"[host] {function.Name} listens on queue {function.QueueName}");
        }

        return pump;
    }

    /// <summary>Stops polling and waits for the invocations under way.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(listeners);
        stopping.Dispose();
    }

    private async Task ListenAsync(LoadedFunction function, QueueClient queue, QueueClient? poison, Wakeup wakeup, CancellationToken stop)
    {
        var backOff = pollInterval;
        try
        {
            while (true)
            {
                var messages = await ReceiveAsync(function, queue, stop);
                if (messages is { Length: > 0 })
                {
                    await Task.WhenAll(messages.Select(m => ProcessAsync(function, queue, poison, m)));
                    backOff = pollInterval;
                }
                else if (messages is null || IsPoison(queue.Name))
                {
                    await wakeup.WaitAsync(backOff, stop);
                    backOff = Doubled(backOff);
                }
                else
                {
                    await Task.Delay(pollInterval, stop);
                    backOff = pollInterval;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    /// <returns>The messages received; null when the queue is missing or could not be read.</returns>
    private async Task<QueueMessage[]?> ReceiveAsync(LoadedFunction function, QueueClient queue, CancellationToken stop)
    {
        try
        {
            return (await queue.ReceiveMessagesAsync(options.BatchSize, ReceiveLease, stop)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // the host does not create the queue; it polls until someone does
        }
        catch (Exception ex) when ((ex is RequestFailedException or AggregateException) && !stop.IsCancellationRequested)
        {
            log.Write($"[host] {function.Name}: polling {queue.Name} failed: {ex.Message}");
            return null;
        }
    }

    private async Task ProcessAsync(LoadedFunction function, QueueClient queue, QueueClient? poison, QueueMessage message)
    {
        var note = $"[host] {function.Name}: message {message.MessageId}, attempt {message.DequeueCount}";
        var text = Decode(message.Body.ToString());

        // The host moves a message it cannot decode, or one already tried too often, to the poison queue unrun.
        var runs = text is not null && message.DequeueCount <= options.MaxDequeueCount;
        var succeeded = runs
            && (await invoke(function, Guid.NewGuid().ToString(), new TypedData { String = text! }, TriggerMetadata(message, text!))).Succeeded;
        var failed = runs ? "failed" : "not run";
        try
        {
            if (succeeded)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                log.Write($"{note} succeeded; deleted");
            }
            else if (poison is null)
            {
                log.Write($"{note} {failed}; left hidden (a poison queue has no poison queue)");
            }
            else if (!runs || message.DequeueCount >= options.MaxDequeueCount)
            {
                await poison.CreateIfNotExistsAsync();
                await poison.SendMessageAsync(message.Body.ToString());
                WakeupOf(poison).Notify();
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                log.Write($"{note} {failed}; moved to {poison.Name}");
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.VisibilityTimeout);
                log.Write($"{note} failed; visible again in {options.VisibilityTimeout}");
            }
        }
        catch (RequestFailedException ex)
        {
            log.Write($"{note}: settling it failed: {ex.Message}");
        }
    }

    /// <summary>The next wait of a backing-off listener: twice the last, up to <c>maxPollingInterval</c>.</summary>
    private TimeSpan Doubled(TimeSpan wait) => TimeSpan.FromTicks(Math.Max(Math.Min(wait.Ticks * 2, options.MaxPollingInterval.Ticks), pollInterval.Ticks));

    private static bool IsPoison(string queueName) => queueName.EndsWith("-poison", StringComparison.Ordinal);

    private Wakeup WakeupOf(QueueClient queue)
    {
        lock (wakeups)
        {
            return wakeups.TryGetValue(queue.Uri, out var wakeup) ? wakeup : wakeups[queue.Uri] = new Wakeup();
        }
    }

    private string? Decode(string stored)
    {
        if (!options.Base64)
        {
            return stored;
        }

        var bytes = new byte[stored.Length];
        return Convert.TryFromBase64String(stored, bytes, out var length) ? Encoding.UTF8.GetString(bytes, 0, length) : null;
    }

    /// <summary>
    /// The queue trigger's binding data as the host sends it: strings as strings, and the dequeue count and the times
    /// as JSON (the host serializes what is neither string, bytes nor double), which is how the worker's converters
    /// read them into a <c>long</c> or a <c>DateTimeOffset</c> parameter.
    /// </summary>
    internal static Dictionary<string, TypedData> TriggerMetadata(QueueMessage message, string text)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new Dictionary<string, TypedData>(StringComparer.OrdinalIgnoreCase)
        {
            ["QueueTrigger"] = new() { String = text },
            ["Id"] = new() { String = message.MessageId },
            ["PopReceipt"] = new() { String = message.PopReceipt },
            ["DequeueCount"] = new() { Json = message.DequeueCount.ToString(CultureInfo.InvariantCulture) },
            ["InsertionTime"] = Time(message.InsertedOn ?? DateTimeOffset.UtcNow),
            ["ExpirationTime"] = Time(message.ExpiresOn ?? DateTimeOffset.MaxValue),
            ["NextVisibleTime"] = Time(message.NextVisibleOn ?? DateTimeOffset.MaxValue),
        };

        // The host's JSON serializer writes a DateTimeOffset as an ISO 8601 string with its offset.
        static TypedData Time(DateTimeOffset time)
            => new() { Json = JsonSerializer.Serialize(time.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK", CultureInfo.InvariantCulture)) };
    }

    /// <summary>Ends a listener's back-off early when this host put a message on its queue.</summary>
    private sealed class Wakeup
    {
        private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Notify() => Volatile.Read(ref signal).TrySetResult();

        /// <summary>Waits <paramref name="delay"/>, or less if <see cref="Notify"/> is called, or was since the last wait it ended.</summary>
        public async Task WaitAsync(TimeSpan delay, CancellationToken stop)
        {
            var notified = Volatile.Read(ref signal);
            try
            {
                await notified.Task.WaitAsync(delay, stop);
            }
            catch (TimeoutException)
            {
                return;
            }

            Interlocked.CompareExchange(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), notified);
        }
    }
}
