using System.Collections.Concurrent;
using System.Diagnostics;

namespace MeetingLinks.Benchmarks;

/// <summary>
/// Runs an operation from N concurrent workers for a fixed time after a warm-up, recording each
/// call's latency. The same runner drives the service over HTTP and the baseline in process.
/// </summary>
internal static class LoadRunner
{
    public static async Task<LatencyStats> RunAsync(int concurrency, TimeSpan warmUp, TimeSpan duration, Func<int, Task<bool>> operation)
    {
        await DriveAsync(concurrency, warmUp, operation, record: null);
        var latencies = new ConcurrentBag<double[]>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await DriveAsync(concurrency, duration, operation, (worker, ok) =>
        {
            latencies.Add(worker);
            Interlocked.Add(ref errors, ok);
        });
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LatencyStats(concurrency, all.Length, errors, elapsed, all);
    }

    private static async Task DriveAsync(int concurrency, TimeSpan duration, Func<int, Task<bool>> operation, Action<double[], int>? record)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var sequence = 0;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            var errors = 0;
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await operation(Interlocked.Increment(ref sequence));
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                errors += ok ? 0 : 1;
            }

            record?.Invoke([.. latencies], errors);
        }));
        await Task.WhenAll(workers);
    }
}
