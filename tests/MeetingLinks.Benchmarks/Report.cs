using System.Globalization;

namespace MeetingLinks.Benchmarks;

/// <summary>Collects the runs and prints them with the service/baseline ratios.</summary>
internal sealed class Report
{
    private readonly List<(string Kind, TimeSpan Latency, LatencyStats Stats, double? PeakMegabytes)> _rows = [];

    public void Add(string kind, TimeSpan latency, LatencyStats stats, double? peakMegabytes)
    {
        _rows.Add((kind, latency, stats, peakMegabytes));
        Console.WriteLine(Format(kind, latency, stats, peakMegabytes));
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("broker ms  conc  p50 ratio  p99 ratio  throughput ratio   (service / baseline)");
        foreach (var service in _rows.Where(r => r.Kind == "service"))
        {
            var baseline = _rows.Single(r => r.Kind == "baseline" && r.Latency == service.Latency && r.Stats.Concurrency == service.Stats.Concurrency);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{service.Latency.TotalMilliseconds,9:0}  {service.Stats.Concurrency,4}  {service.Stats.Percentile(50) / baseline.Stats.Percentile(50),9:0.00}  {service.Stats.Percentile(99) / baseline.Stats.Percentile(99),9:0.00}  {service.Stats.Throughput / baseline.Stats.Throughput,16:0.00}"));
        }
    }

    private static string Format(string kind, TimeSpan latency, LatencyStats s, double? peak) => string.Create(CultureInfo.InvariantCulture,
        $"{kind,-8} broker {latency.TotalMilliseconds,3:0} ms  conc {s.Concurrency,3}: {s.Throughput,7:0.0} req/s  p50 {s.Percentile(50),7:0.0} ms  p95 {s.Percentile(95),7:0.0} ms  p99 {s.Percentile(99),7:0.0} ms  errors {s.Errors,4} of {s.Requests,6}{(peak is { } mb ? $"  peak working set {mb:0} MB" : string.Empty)}");
}
