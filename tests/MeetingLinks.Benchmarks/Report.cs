using System.Globalization;

namespace MeetingLinks.Benchmarks;

/// <summary>Collects the runs and prints them with the service/baseline ratios.</summary>
internal sealed class Report
{
    private readonly List<(string Kind, TimeSpan Latency, LatencyStats Stats)> _rows = [];

    /// <param name="peak">Peak working set of the app's worker and of the development host, in MB; null for the baseline.</param>
    public void Add(string kind, TimeSpan latency, LatencyStats stats, (double Worker, double Host)? peak)
    {
        _rows.Add((kind, latency, stats));
        Console.WriteLine(Format(kind, latency, stats, peak));
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("broker ms  conc  p50 ratio  p99 ratio  throughput ratio   (service / baseline)");
        Ratios("service", "baseline");
        Console.WriteLine();
        Console.WriteLine("broker ms  conc  p50 ratio  p99 ratio  throughput ratio   (create with a chain of two experts / without, the mean of the runs before and after)");
        Ratios("expert", "before", "after");
        Target();
    }

    /// <summary>The issue's target: at 8 clients with a 150 ms broker, a create with a chain of two within 1.1 times one without (p50).</summary>
    private void Target()
    {
        const int Clients = 8;
        const double Limit = 1.1;
        var broker = TimeSpan.FromMilliseconds(150);
        if (_rows.FirstOrDefault(r => r.Kind == "expert" && r.Latency == broker && r.Stats.Concurrency == Clients) is not { Stats: not null } row)
        {
            return;
        }

        var ratio = row.Stats.Percentile(50) / Against(row, "before", "after").Average(s => s.Percentile(50));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Target: with a chain of two at {Clients} clients and a {broker.TotalMilliseconds:0} ms broker, p50 within {Limit:0.0}x of without: {ratio:0.00}, {(ratio <= Limit ? "met" : "NOT met")}"));
    }

    /// <summary>Each run of <paramref name="kind"/> against the mean of the same runs of <paramref name="against"/>.</summary>
    private void Ratios(string kind, params string[] against)
    {
        foreach (var row in _rows.Where(r => r.Kind == kind))
        {
            var others = Against(row, against);
            double Mean(Func<LatencyStats, double> measure) => others.Average(measure);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Latency.TotalMilliseconds,9:0}  {row.Stats.Concurrency,4}  {row.Stats.Percentile(50) / Mean(s => s.Percentile(50)),9:0.00}  {row.Stats.Percentile(99) / Mean(s => s.Percentile(99)),9:0.00}  {row.Stats.Throughput / Mean(s => s.Throughput),16:0.00}"));
        }
    }

    /// <summary>The runs of the kinds <paramref name="against"/> with the same broker latency and clients as <paramref name="row"/>.</summary>
    private List<LatencyStats> Against((string Kind, TimeSpan Latency, LatencyStats Stats) row, params string[] against)
        => [.. _rows.Where(r => against.Contains(r.Kind) && r.Latency == row.Latency && r.Stats.Concurrency == row.Stats.Concurrency).Select(r => r.Stats)];

    private static string Format(string kind, TimeSpan latency, LatencyStats s, (double Worker, double Host)? peak) => string.Create(CultureInfo.InvariantCulture,
        $"{kind,-8} broker {latency.TotalMilliseconds,3:0} ms  conc {s.Concurrency,3}: {s.Throughput,7:0.0} req/s  p50 {s.Percentile(50),7:0.0} ms  p95 {s.Percentile(95),7:0.0} ms  p99 {s.Percentile(99),7:0.0} ms  errors {s.Errors,4} of {s.Requests,6}{(peak is { } mb ? $"  peak working set: worker {mb.Worker:0} MB, host {mb.Host:0} MB" : string.Empty)}");
}
