using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using MeetingLinks.DevHost.Storage;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Operations.Summary;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingLinks.Benchmarks;

/// <summary>
/// The day at a glance on a busy day: 10,000 meetings of every kind created on one UTC day (yesterday, so the day is whole),
/// then <c>GET /api/meetings/summary</c> for that day through the running service, timed over several calls after one to warm
/// up. A <see cref="CountingProxy"/> between the service and Azurite counts what each call reads. Each call alternates with
/// the same summary made by the app's own store and counting in this process, without the service: the part of the time
/// that is Azurite's and the table client's. The target is an answer within 1 s; the run fails only when the summary miscounts.
/// </summary>
internal static class SummaryBenchmark
{
    private const int Meetings = 10_000;
    private const int Calls = 20;
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(1);

    public static async Task<bool> RunAsync(string appDll, Func<Task<AzuriteProcess>> startAzurite)
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine($"Summary: {Meetings:N0} meetings created on {dayText}, {Calls} calls of GET /api/meetings/summary?day={dayText}");

        await using var azurite = await startAzurite();
        var table = "summary" + Guid.NewGuid().ToString("N")[..12];
        var seed = MeetingSeed.PlanDay(Meetings, day, DateTimeOffset.UtcNow);
        var seeding = Stopwatch.StartNew();
        await seed.WriteAsync(new TableClient(azurite.ConnectionString, table));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {seed.Meetings:N0} meetings ({seed.Entities:N0} rows) in {seeding.Elapsed.TotalSeconds:0.0} s"));

        await using var proxy = await CountingProxy.StartAsync(azurite.TableEndpoint!);
        await using var service = ServiceProcess.Start(appDll, proxy.ConnectionString(azurite.ConnectionString, azurite.TableEndpoint!), azurite.ConnectionString, table, TimeSpan.Zero);
        using var http = new HttpClient { BaseAddress = service.BaseUrl };
        http.DefaultRequestHeaders.Add("x-api-key", ServiceProcess.OpsKey);
        var path = "api/meetings/summary?day=" + dayText;
        var direct = new DaySummarizer(
            new TableMeetingStore(new TableClient(azurite.ConnectionString, table), TimeProvider.System, NullLogger<TableMeetingStore>.Instance),
            TimeProvider.System);

        // The first answers also warm both up; they are not counted.
        await ServiceProcess.WaitUntilAsync(async () => (await http.GetAsync(path)).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "answer the day's summary");
        await direct.SummarizeAsync(day, CancellationToken.None);
        proxy.TakeCounts();

        var (serviceTimes, directTimes, wrong) = (new List<double>(), new List<double>(), new List<string>());
        (long Requests, long Entities) read = default;
        for (var i = 0; i < Calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path);
            response.EnsureSuccessStatusCode();
            using var summary = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
            serviceTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            read = proxy.TakeCounts();
            Check($"call {i + 1}", summary.RootElement.GetProperty("meetings").GetInt32(), summary.RootElement.GetProperty("hours").EnumerateArray().Sum(h => h.GetInt32()), wrong);

            started = Stopwatch.GetTimestamp();
            var counted = await direct.SummarizeAsync(day, CancellationToken.None);
            directTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Check($"direct count {i + 1}", counted.Meetings, counted.Hours.Sum(), wrong);
        }

        var (serviceStats, directStats) = (Stats(serviceTimes), Stats(directTimes));
        var p95 = serviceStats.Percentile(95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"service: median {serviceStats.Percentile(50):0} ms, p95 {p95:0} ms, fastest {serviceStats.SortedMilliseconds[0]:0} ms, slowest {serviceStats.SortedMilliseconds[^1]:0} ms; each call read {read.Entities:N0} entities in {read.Requests} storage requests"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"store and count without the service: median {directStats.Percentile(50):0} ms, p95 {directStats.Percentile(95):0} ms"));
        Console.WriteLine(p95 <= Target.TotalMilliseconds
            ? $"Within {Target.TotalSeconds:0} s: yes (p95)"
            : string.Create(CultureInfo.InvariantCulture, $"Within {Target.TotalSeconds:0} s: NO (p95 {p95:0} ms)"));
        foreach (var failure in wrong)
        {
            Console.Error.WriteLine("FAILED: " + failure);
        }

        return wrong.Count == 0;
    }

    private static void Check(string what, int meetings, int byHour, List<string> wrong)
    {
        if (meetings != Meetings || byHour != Meetings)
        {
            wrong.Add($"{what} counted {meetings} meetings ({byHour} by hour); {Meetings} were seeded");
        }
    }

    private static LatencyStats Stats(List<double> milliseconds)
        => new(1, milliseconds.Count, 0, TimeSpan.FromMilliseconds(milliseconds.Sum()), [.. milliseconds.Order()]);
}
