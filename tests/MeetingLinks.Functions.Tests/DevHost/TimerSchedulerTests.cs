using MeetingLinks.DevHost.Hosting;
using MeetingLinks.DevHost.Hosting.Protocol;
using MeetingLinks.DevHost.Hosting.Timers;
using MeetingLinks.Tests.InstantConnect;

namespace MeetingLinks.Tests.DevHost;

/// <summary>Timer functions run on their NCRONTAB schedules (seconds first, UTC), on the injected clock.</summary>
public sealed class TimerSchedulerTests
{
    private static readonly InvocationOutcome Succeeded = new("i", StatusResult.Types.Status.Success, null, new InvocationResponse());

    [Fact]
    public async Task A_timer_function_runs_at_each_occurrence_of_its_schedule_and_not_before()
    {
        var clock = new TestClock(); // 09:00:00 UTC
        var runs = 0;
        var log = new HostLog(null);
        await using var scheduler = TimerScheduler.Start(
            [Timer("Nightly", "0 30 9 * * *"), Http("NotATimer")], clock,
            function =>
            {
                Assert.Equal("Nightly", function.Name);
                Interlocked.Increment(ref runs);
                return Task.FromResult(Succeeded);
            },
            log);

        await clock.WaitForTimerAsync(TimeSpan.FromMinutes(30));
        clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, runs);
        clock.Advance(TimeSpan.FromSeconds(1));
        await clock.WaitForTimerAsync(TimeSpan.FromDays(1));

        Assert.Equal(1, runs);
        Assert.Contains(log.Lines, line => line.Contains("Nightly runs on '0 30 9 * * *', next at 2025-03-01 09:30:00Z", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_schedule_that_is_not_ncrontab_with_seconds_puts_the_function_in_error()
    {
        var log = new HostLog(null);

        await using var scheduler = TimerScheduler.Start([Timer("Broken", "30 9 * * *")], new TestClock(), _ => Task.FromResult(Succeeded), log);

        Assert.Contains(log.Lines, line => line.Contains("Broken is in error", StringComparison.Ordinal));
    }

    private static LoadedFunction Timer(string name, string schedule) => new(name, Guid.NewGuid().ToString(), "timerTrigger", "timer", null, [], schedule);

    private static LoadedFunction Http(string name) => new(name, Guid.NewGuid().ToString(), "httpTrigger", "request", name, ["get"], null);
}
