namespace MeetingLinks.Benchmarks;

/// <summary>What one load run measured.</summary>
internal sealed record LatencyStats(int Concurrency, int Requests, int Errors, TimeSpan Elapsed, double[] SortedMilliseconds)
{
    public double Throughput => Requests / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (SortedMilliseconds.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * SortedMilliseconds.Length) - 1;
        return SortedMilliseconds[Math.Clamp(rank, 0, SortedMilliseconds.Length - 1)];
    }
}
