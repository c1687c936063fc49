using NCrontab;

namespace MeetingLinks.DevHost.Hosting.Timers;

/// <summary>
/// Runs each timer function on its NCRONTAB schedule (six fields, seconds first, in UTC as the host's default), one
/// invocation at a time per function. One development host is one instance, so there is no lease to hold.
/// </summary>
internal sealed class TimerScheduler : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> loops = [];

    private TimerScheduler()
    {
    }

    public static TimerScheduler Start(
        IEnumerable<LoadedFunction> functions, TimeProvider time, Func<LoadedFunction, Task<InvocationOutcome>> invoke, HostLog log)
    {
        var scheduler = new TimerScheduler();
        foreach (var function in functions.Where(f => f.Schedule is not null && f.TriggerType.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase)))
        {
            var schedule = CrontabSchedule.TryParse(function.Schedule!, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
            if (schedule is null)
            {
                log.Write($"[host] {function.Name} is in error: '{function.Schedule}' is not an NCRONTAB schedule with seconds");
                continue;
            }

            log.Write($"[host] {function.Name} runs on '{function.Schedule}', next at {schedule.GetNextOccurrence(time.GetUtcNow().UtcDateTime):u}");
            scheduler.loops.Add(scheduler.RunAsync(function, schedule, time, invoke, log));
        }

        return scheduler;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(loops);
        stopping.Dispose();
    }

    private async Task RunAsync(
        LoadedFunction function, CrontabSchedule schedule, TimeProvider time, Func<LoadedFunction, Task<InvocationOutcome>> invoke, HostLog log)
    {
        try
        {
            while (true)
            {
                var now = time.GetUtcNow().UtcDateTime;
                await Task.Delay(schedule.GetNextOccurrence(now) - now, time, stopping.Token);
                var outcome = await invoke(function);
                log.Write($"[host] {function.Name} ran on schedule: {outcome.Status}");
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (IOException ex)
        {
            log.Write($"[host] {function.Name}: the worker went away ({ex.Message}); its schedule stops");
        }
    }
}
