using System.Reflection;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using MeetingLinks.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.LocalRun.Queues;

/// <summary>
/// What the Functions host's queue listener does, for a local run, which has no host: polls the queue of each
/// <c>[QueueTrigger]</c> function (creating it if missing), runs the function with each message, and then deletes the
/// message, releases it for another attempt or moves it to the poison queue by <see cref="QueueMessageRules"/>, with
/// host.json's <c>extensions.queues</c> settings.
/// </summary>
internal sealed class QueueTriggerPump(
    FunctionCatalog catalog,
    QueueSettings settings,
    IConfiguration configuration,
    IServiceScopeFactory scopes,
    ILogger<QueueTriggerPump> logger) : BackgroundService
{
    // A received message stays hidden this long while its function runs. The host renews it instead and ends a
    // function at host.json's functionTimeout; the local run does neither, so a function that hangs holds its
    // message this long before another attempt sees it.
    private static readonly TimeSpan ReceiveLease = TimeSpan.FromMinutes(10);

    // The host's shortest wait between polls; it doubles while the queue stays empty, up to maxPollingInterval.
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Built before the first await, so that a function the local run cannot call stops the start.
        var watchers = catalog.QueueFunctions.Select(WatcherFor).ToList();
        if (watchers.Count == 0)
        {
            return Task.CompletedTask;
        }

        logger.LogInformation("Watching storage queues: {Queues}", string.Join(", ", watchers.Select(w => $"{w.Queue.Name} ({w.Function.Name})")));
        return Task.WhenAll(watchers.Select(w => WatchAsync(w, stoppingToken)));
    }

    private async Task WatchAsync(Watcher watcher, CancellationToken stopping)
    {
        var delay = TimeSpan.Zero;
        var created = false;
        var failing = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!created)
                {
                    await watcher.Queue.CreateIfNotExistsAsync(cancellationToken: stopping);
                    created = true;
                }

                QueueMessage[] messages = await watcher.Queue.ReceiveMessagesAsync(settings.BatchSize, ReceiveLease, stopping);
                await Task.WhenAll(messages.Select(m => HandleAsync(watcher, m, stopping)));
                delay = messages.Length > 0 ? TimeSpan.Zero : Backoff(delay);
                failing = false;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                // Storage is down or refuses: say so once, then keep trying at the longest interval.
                logger.Log(failing ? LogLevel.Debug : LogLevel.Warning, ex, "Cannot poll storage queue {Queue}; trying again", watcher.Queue.Name);
                failing = true;
                delay = settings.MaxPollingInterval;
            }

            await Task.Delay(delay, stopping);
        }
    }

    private TimeSpan Backoff(TimeSpan delay)
        => delay < MinimumPollingInterval ? MinimumPollingInterval
            : delay * 2 < settings.MaxPollingInterval ? delay * 2
            : settings.MaxPollingInterval;

    private async Task HandleAsync(Watcher watcher, QueueMessage message, CancellationToken stopping)
    {
        var text = QueueMessageRules.Decode(message.Body.ToString(), settings.MessageEncoding);
        var step = QueueMessageRules.Before(text is not null, message.DequeueCount, settings.MaxDequeueCount, watcher.Poison is not null);
        if (step == QueueMessageStep.Invoke)
        {
            var succeeded = await InvokeAsync(watcher, message, text!, stopping);
            step = QueueMessageRules.After(succeeded, message.DequeueCount, settings.MaxDequeueCount, watcher.Poison is not null);
        }

        try
        {
            // Not cancelled by the stop: a message whose function ran is settled either way.
            await CompleteAsync(watcher, message, step);
        }
        catch (RequestFailedException ex)
        {
            // Gone meanwhile, or another consumer took it over (its pop receipt changed): theirs to settle now.
            logger.LogWarning(ex, "Could not settle message {MessageId} on {Queue} ({Step})", message.MessageId, watcher.Queue.Name, step);
        }
    }

    private async Task<bool> InvokeAsync(Watcher watcher, QueueMessage message, string text, CancellationToken stopping)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await watcher.Call(scope.ServiceProvider, [.. watcher.Arguments.Select(argument => argument(text, stopping))]);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Function {Function} failed on message {MessageId} from {Queue} (attempt {Attempt} of {MaxAttempts})",
                watcher.Function.Name, message.MessageId, watcher.Queue.Name, message.DequeueCount, settings.MaxDequeueCount);
            return false;
        }
    }

    private async Task CompleteAsync(Watcher watcher, QueueMessage message, QueueMessageStep step)
    {
        switch (step)
        {
            case QueueMessageStep.Delete:
                await watcher.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                break;
            case QueueMessageStep.Release:
                await watcher.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout);
                break;
            case QueueMessageStep.MoveToPoison:
                var poison = watcher.Poison!;
                logger.LogWarning("Message {MessageId} on {Queue} has had {MaxDequeueCount} attempts or cannot be read; moving it to {PoisonQueue}",
                    message.MessageId, watcher.Queue.Name, settings.MaxDequeueCount, poison.Name);
                await poison.CreateIfNotExistsAsync();
                await poison.SendMessageAsync(message.Body.ToString());
                await watcher.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                break;
            case QueueMessageStep.LeaveHidden:
            case QueueMessageStep.Invoke:
                break;
        }
    }

    private Watcher WatcherFor(QueueFunction function)
    {
        var storage = QueueStorage.Connect(configuration, function.Connection);
        var poison = QueueMessageRules.PoisonQueueOf(function.QueueName);
        return new Watcher(
            function,
            storage.GetQueueClient(function.QueueName),
            poison is null ? null : storage.GetQueueClient(poison),
            ArgumentsFor(function),
            FunctionInvoker.Caller(function.Method));
    }

    // The message text for the [QueueTrigger] string, the stop token for a CancellationToken; nothing else is bound.
    private static Func<string, CancellationToken, object?>[] ArgumentsFor(QueueFunction function)
        => [.. function.Method.GetParameters().Select<ParameterInfo, Func<string, CancellationToken, object?>>(p =>
            p.ParameterType == typeof(string) && p.GetCustomAttribute<QueueTriggerAttribute>() is not null ? (text, _) => text
            : p.ParameterType == typeof(CancellationToken) ? (_, stopping) => stopping
            : throw new NotSupportedException(
                $"Function {function.Name}: the local run cannot bind parameter '{p.Name}' of type {p.ParameterType.Name}."))];

    private sealed record Watcher(
        QueueFunction Function,
        QueueClient Queue,
        QueueClient? Poison,
        Func<string, CancellationToken, object?>[] Arguments,
        Func<IServiceProvider, object?[], Task<object?>> Call);
}
