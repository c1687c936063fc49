using Microsoft.Extensions.Time.Testing;

namespace MeetingLinks.Tests.InstantConnect;

/// <summary>
/// A fake clock that also reports the timers code creates and fires, so a test can advance time exactly when the code
/// under test is waiting on it, without real delays.
/// </summary>
internal sealed class TestClock : FakeTimeProvider
{
    // Only a guard against a hung test: reached when something is broken, never in a passing run.
    public static readonly TimeSpan Safety = TimeSpan.FromSeconds(10);

    // Real time a step that fired nothing leaves the code before the next; it ends early when the code reacts.
    private static readonly TimeSpan IdleGrace = TimeSpan.FromMilliseconds(2);

    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _dueTimes = [];
    private TaskCompletionSource _timerCreated = NewSignal();
    private int _fired;

    public TestClock()
        : base(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(
            s =>
            {
                Interlocked.Increment(ref _fired);
                callback(s);
            },
            state,
            dueTime,
            period);

        TaskCompletionSource signal;
        lock (_gate)
        {
            _dueTimes.Add(dueTime);
            signal = _timerCreated;
            _timerCreated = NewSignal();
        }

        signal.TrySetResult();
        return timer;
    }

    /// <summary>Waits until some timer with exactly <paramref name="dueTime"/> has been created.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_dueTimes.Contains(dueTime))
                {
                    return;
                }

                next = _timerCreated.Task;
            }

            await next.WaitAsync(Safety);
        }
    }

    /// <summary>
    /// Starts <paramref name="operation"/> without a synchronization context, so its continuations run inline on whichever
    /// thread completes what it awaits: when <see cref="FakeTimeProvider.Advance"/> returns, the code has already reacted.
    /// </summary>
    public static Task<T> StartInline<T>(Func<Task<T>> operation)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return operation();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>
    /// Starts <paramref name="operation"/> (see <see cref="StartInline"/>) and advances time in <paramref name="step"/>s until it
    /// completes. If a step fired a timer and the code has not visibly reacted yet, waits for it to create its next timer or finish.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> operation, TimeSpan step, int maxSteps = 2_000)
    {
        var task = StartInline(operation);
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            Task reacted;
            int fired;
            lock (_gate)
            {
                reacted = _timerCreated.Task;
                fired = Volatile.Read(ref _fired);
            }

            Advance(step);
            if (Volatile.Read(ref _fired) != fired)
            {
                await Task.WhenAny(task, reacted).WaitAsync(Safety);
            }
            else
            {
                // Nothing was due. The code may still be busy on another thread (reading an answer, say) rather than
                // waiting for time: give it a moment to finish or to start its next timer before time moves on, so
                // that on a busy machine the steps are not spent before it gets a thread.
                await Task.WhenAny(task, reacted, Task.Delay(IdleGrace));
            }
        }

        return task.IsCompleted ? await task : throw new TimeoutException($"Still running after {maxSteps} steps of fake time.");
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
