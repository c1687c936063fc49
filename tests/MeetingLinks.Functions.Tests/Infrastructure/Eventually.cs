using System.Diagnostics;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>
/// Waits for something another process does (a queue emptied, a message moved): observes it, and only between two
/// observations waits a short real delay. The bound is generous, for a busy machine; only a broken test reaches it.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan BetweenObservations = TimeSpan.FromMilliseconds(50);

    /// <returns>How long it took until <paramref name="observed"/> was true.</returns>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> observed, TimeSpan bound, string what)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var clock = Stopwatch.StartNew();
        while (!await observed())
        {
            Assert.True(clock.Elapsed < bound, $"Waited {bound} for {what} in vain.");
            await Task.Delay(BetweenObservations);
        }

        return clock.Elapsed;
    }
}
