using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using MeetingLinks.DevHost.Storage;

namespace MeetingLinks.Benchmarks;

/// <summary>
/// What finding and erasing one phone number's meetings cost in a large table, through the running service: a
/// search over the whole retention period and an erasure by number, for numbers with 5 and with 25 meetings, beside
/// the listing of one day. A <see cref="CountingProxy"/> between the service and Azurite counts what the service
/// reads. That must follow the number's meetings (about 2 a meeting: its phone entry and the meeting), never the
/// table; the run fails when it does not, or when a search or erasure misses meetings.
/// </summary>
internal static class PhoneBenchmark
{
    private static readonly int[] TargetSizes = [5, 25];

    // Reads allowed for a number's operation: this many a meeting plus a few; more means the table is being scanned.
    private const int MaxEntitiesPerMeeting = 4;
    private const int EntitySlack = 5;

    // An Italian number: the seed makes none, so warming up finds and erases nothing.
    private const string WarmUpPhone = "+39 312 345 6789";

    public static async Task<bool> RunAsync(string devHostDll, BenchmarkOptions options, Func<Task<AzuriteProcess>> startAzurite)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Phone: tables of {string.Join(", ", options.TableSizes)} meetings over {MeetingSeed.Days} days; {options.Repeat} runs per operation (erasure: {options.Repeat} numbers of each size)"));
        var rows = new List<Row>();
        var failures = new List<string>();
        foreach (var size in options.TableSizes)
        {
            await using var azurite = await startAzurite();
            var table = "phone" + Guid.NewGuid().ToString("N")[..12];
            var (seed, targets) = MeetingSeed.Plan(size, TargetSizes, 1 + options.Repeat, DateTimeOffset.UtcNow);
            var seeding = Stopwatch.StartNew();
            await seed.WriteAsync(new TableClient(azurite.ConnectionString, table));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Seeded {seed.Meetings} meetings of {seed.Numbers} numbers ({seed.Entities} rows) in {seeding.Elapsed.TotalSeconds:0.0} s"));

            await using var proxy = await CountingProxy.StartAsync(azurite.TableEndpoint!);
            await using var service = ServiceProcess.Start(devHostDll, proxy.ConnectionString(azurite.ConnectionString, azurite.TableEndpoint!), azurite.ConnectionString, table, TimeSpan.Zero);
            using var http = new HttpClient { BaseAddress = service.BaseUrl };
            http.DefaultRequestHeaders.Add("x-api-key", ServiceProcess.OpsKey);
            var run = new Run(http, proxy, options.Repeat, seed.Meetings, rows, failures);
            await run.PrepareAsync();
            await run.MeasureAsync(seed, targets);
        }

        Print(rows);
        foreach (var failure in failures)
        {
            Console.Error.WriteLine("FAILED: " + failure);
        }

        return failures.Count == 0;
    }

    private static void Print(List<Row> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| operation | meetings it covers | meetings in table | runs | median ms | entities read | per meeting | storage requests |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Operation} | {row.Meetings} | {row.TableMeetings} | {row.Runs.Count} | {Median(row.Runs.Select(r => r.Milliseconds)):0.0} | {row.MostEntities} | {(double)row.MostEntities / row.Meetings:0.00} | {row.Runs.Max(r => r.Requests)} |"));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One call (all pages of it): how long it took, what it answered, and what it cost in storage.</summary>
    private sealed record Measured(double Milliseconds, int Answered, long Requests, long Entities);

    private sealed record Row(string Operation, int Meetings, int TableMeetings, List<Measured> Runs)
    {
        public long MostEntities => Runs.Max(r => r.Entities);
    }

    /// <summary>The operations against one seeded table, through one service.</summary>
    private sealed class Run(HttpClient http, CountingProxy proxy, int repeat, int meetings, List<Row> rows, List<string> failures)
    {
        private int _tableMeetings = meetings;

        /// <summary>Waits for the service, then takes each route once so no measured call pays for the first one.</summary>
        public async Task PrepareAsync()
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await ServiceProcess.WaitUntilAsync(async () => (await http.GetAsync($"api/meetings?day={today}")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "answer a listing");
            await ListAsync("phone=" + Uri.EscapeDataString(WarmUpPhone));
            await EraseAsync(WarmUpPhone);
            proxy.TakeCounts();
        }

        public async Task MeasureAsync(MeetingSeed seed, IReadOnlyList<TargetNumber> targets)
        {
            foreach (var size in TargetSizes)
            {
                var searched = targets.First(t => t.Meetings == size);
                await RepeatAsync($"search by phone, {size} meetings", size, () => ListAsync("phone=" + Uri.EscapeDataString(searched.Written)));
            }

            var paged = targets.First(t => t.Meetings == TargetSizes[^1]);
            await RepeatAsync($"search by phone, {paged.Meetings} meetings, 10 a page", paged.Meetings,
                () => ListAsync("pageSize=10&phone=" + Uri.EscapeDataString(paged.Written)));

            // Yesterday: a whole day, listed before any of its meetings is erased.
            var (day, count) = seed.MeetingsPerDay.Where(d => d.Key < DateOnly.FromDateTime(DateTime.UtcNow)).MaxBy(d => d.Key);
            var dayQuery = "day=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await RepeatAsync("list one day (no phone)", count, () => ListAsync(dayQuery), phoneOperation: false);

            foreach (var size in TargetSizes)
            {
                // An erasure happens once per number: each run erases another number of the same size.
                var erased = targets.Where(t => t.Meetings == size).Skip(1).ToList();
                var row = AddRow($"erase by phone, {size} meetings", size);
                foreach (var target in erased)
                {
                    Check(row, await MeasureAsync(() => EraseAsync(target.WhatsAppId)), size);
                    _tableMeetings -= size;
                }
            }

        }

        private async Task RepeatAsync(string operation, int expected, Func<Task<int>> call, bool phoneOperation = true)
        {
            var row = AddRow(operation, expected);
            for (var i = 0; i < repeat; i++)
            {
                Check(row, await MeasureAsync(call), expected, phoneOperation);
            }
        }

        private Row AddRow(string operation, int meetingsOfNumber)
        {
            var row = new Row(operation, meetingsOfNumber, _tableMeetings, []);
            rows.Add(row);
            return row;
        }

        private void Check(Row row, Measured measured, int expected, bool phoneOperation = true)
        {
            row.Runs.Add(measured);
            var where = $"{row.Operation} in a table of {row.TableMeetings} meetings";
            if (measured.Answered != expected)
            {
                failures.Add($"{where} answered {measured.Answered} meetings, {expected} were seeded.");
            }

            if (measured.Requests == 0)
            {
                failures.Add($"{where} reached storage without passing the counting proxy: nothing was measured.");
            }

            if (phoneOperation && measured.Entities > MaxEntitiesPerMeeting * expected + EntitySlack)
            {
                failures.Add($"{where} read {measured.Entities} entities: more than {MaxEntitiesPerMeeting} a meeting plus {EntitySlack}.");
            }
        }

        private async Task<Measured> MeasureAsync(Func<Task<int>> call)
        {
            proxy.TakeCounts();
            var started = Stopwatch.GetTimestamp();
            var answered = await call();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var (requests, entities) = proxy.TakeCounts();
            return new Measured(elapsed, answered, requests, entities);
        }

        /// <summary>Every page of <c>GET /api/meetings?{query}</c>; how many meetings they held.</summary>
        private async Task<int> ListAsync(string query)
        {
            var found = 0;
            string? token = null;
            do
            {
                var url = "api/meetings?" + query + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token));
                using var response = await http.GetAsync(url);
                response.EnsureSuccessStatusCode();
                using var page = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
                found += page.RootElement.GetProperty("items").GetArrayLength();
                token = page.RootElement.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            }
            while (token is not null);

            return found;
        }

        /// <summary><c>POST /api/customers/erase</c>; how many meetings it says it erased.</summary>
        private async Task<int> EraseAsync(string phone)
        {
            using var response = await http.PostAsJsonAsync("api/customers/erase", new Dictionary<string, string> { ["phone"] = phone });
            response.EnsureSuccessStatusCode();
            using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
            return answer.RootElement.GetProperty("erased").GetInt32();
        }
    }
}
