using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MeetingLinks.DevHost.Storage;
using MeetingLinks.Validation;

namespace MeetingLinks.Benchmarks;

/// <summary>
/// Visits booked ahead: 1,000 visits that all start in the same minute, each with reminders one and two minutes before,
/// booked at 8 clients; then whether every reminder reached Connect exactly once and how late. Then what a booking costs
/// against an instant create at 8 clients.
/// </summary>
internal static class VisitsBenchmark
{
    private const int Visits = 1000;
    private const int Clients = 8;
    private static readonly string[] Reminders = ["PT1M", "PT2M"];

    // The start is the whole minute at least this far ahead, so the first reminder (two minutes before it) comes due at
    // least a minute after booking began; the bookings must be done well before then.
    private static readonly TimeSpan StartAhead = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan QuietBeforeFirstDue = TimeSpan.FromSeconds(20);

    // After the last reminder is due, how long to wait for the rest, and then for duplicates of any of them.
    private static readonly TimeSpan WaitAfterLastDue = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan WaitForDuplicates = TimeSpan.FromSeconds(10);

    // The cost part: short runs, as no reminder of the bookings may come due and the table grows under Azurite.
    private static readonly TimeSpan LongestRun = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestWarmUp = TimeSpan.FromSeconds(2);

    private const string PlainBody = """{"customer":{"phone":"+15551234567","name":"Bench","channel":"whatsapp"},"reference":"BENCH"}""";

    /// <summary>Runs both measurements; false when a booking failed or a reminder is missing or came twice.</summary>
    public static async Task<bool> RunAsync(string appDll, BenchmarkOptions options, Func<Task<AzuriteProcess>> startAzurite)
    {
        Console.WriteLine();
        Console.WriteLine($"Visits: {Visits:N0} visits starting in the same minute, reminders {string.Join(", ", Reminders)}, booked at {Clients} clients");
        var ok = await RemindersAsync(appDll, startAzurite);
        await BookingCostAsync(appDll, options, startAzurite);
        return ok;
    }

    private static async Task<bool> RemindersAsync(string appDll, Func<Task<AzuriteProcess>> startAzurite)
    {
        await using var connect = await ConnectListener.StartAsync();
        await using var azurite = await startAzurite();
        await using var service = ServiceProcess.Start(appDll, azurite.ConnectionString, "visits" + Guid.NewGuid().ToString("N")[..12], TimeSpan.Zero, ConnectSettings(connect));
        using var http = Client(service);
        await WaitUntilCreatesAsync(http);

        var now = DateTimeOffset.UtcNow;
        var startsAt = WholeMinuteAtOrAfter(now + StartAhead);
        var firstDue = startsAt - Reminders.Select(Duration).Max();
        var body = BookingBody(startsAt, Reminders);

        // Every client takes the next visit until all are booked; a failed booking is retried with its key, which is safe.
        var meetings = new string?[Visits];
        var latencies = new double[Visits];
        var next = -1;
        var failed = 0;
        var booking = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            int visit;
            while ((visit = Interlocked.Increment(ref next)) < Visits)
            {
                var key = "visit-bench-" + visit.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
                for (var attempt = 0; attempt < 3 && meetings[visit] is null; attempt++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var (ok, meetingId) = await PostAsync(http, body, key);
                    latencies[visit] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    meetings[visit] = ok ? meetingId : null;
                }

                if (meetings[visit] is null)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        var booked = booking.Elapsed;
        var bookingsEnded = DateTimeOffset.UtcNow;
        var sorted = latencies.Order().ToArray();
        var stats = new LatencyStats(Clients, Visits, failed, booked, sorted);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"booked   {Visits} visits starting {startsAt:yyyy-MM-ddTHH:mm:ssZ} in {booked.TotalSeconds:0.0} s ({stats.Throughput:0.0}/s): p50 {stats.Percentile(50):0.0} ms  p99 {stats.Percentile(99):0.0} ms  failed {failed}"));
        var quiet = firstDue - bookingsEnded;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"         the first reminder is due {quiet.TotalSeconds:0.0} s after the last booking{(quiet < QuietBeforeFirstDue ? $" (less than {QuietBeforeFirstDue.TotalSeconds:0} s: reminders overlapped the bookings)" : string.Empty)}"));

        // Wait until every booked visit's every reminder has arrived, then a little longer for duplicates.
        var expected = meetings.OfType<string>().SelectMany(m => Reminders.Select(r => (m, r))).ToHashSet();
        var until = startsAt - Reminders.Select(Duration).Min() + WaitAfterLastDue;
        while (DateTimeOffset.UtcNow < until && !expected.IsSubsetOf(Reminded(connect).Select(e => (e.MeetingId, e.RemindBefore))))
        {
            await Task.Delay(500);
        }

        await Task.Delay(WaitForDuplicates);
        var reminders = Reminded(connect);
        var distinct = reminders.Select(e => (e.MeetingId, e.RemindBefore)).ToHashSet();
        var duplicates = reminders.Count - distinct.Count;
        var missing = expected.Count(e => !distinct.Contains(e));
        var unexpected = distinct.Count(e => !expected.Contains(e));
        var wrongStart = reminders.Count(e => e.StartsAt != startsAt);

        // Lateness: arrival after the reminder's due time, startsAt − remindBefore.
        var lateness = reminders.Select(e => (e.ArrivedAt - (e.StartsAt - Duration(e.RemindBefore))).TotalMilliseconds).Order().ToArray();
        var late = new LatencyStats(Clients, lateness.Length, 0, TimeSpan.Zero, lateness);
        var last = reminders.Count == 0 ? default : reminders.MaxBy(e => e.ArrivedAt);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reminders arrived {reminders.Count} of {expected.Count}: duplicates {duplicates}, missing {missing}, not booked {unexpected}, wrong startsAt {wrongStart}"));
        if (lateness.Length > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"          lateness after due: p50 {late.Percentile(50) / 1000:0.00} s  p99 {late.Percentile(99) / 1000:0.00} s  max {lateness[^1] / 1000:0.00} s  min {lateness[0] / 1000:0.00} s; the last to arrive ({last.RemindBefore}) {(last.ArrivedAt - (last.StartsAt - Duration(last.RemindBefore))).TotalSeconds:0.00} s late"));
            foreach (var before in Reminders)
            {
                var these = reminders.Where(e => e.RemindBefore == before).Select(e => (e.ArrivedAt - (e.StartsAt - Duration(before))).TotalMilliseconds).Order().ToArray();
                var s = new LatencyStats(Clients, these.Length, 0, TimeSpan.Zero, these);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"          {before}: {these.Length} arrived, lateness min {(these.Length > 0 ? these[0] / 1000 : double.NaN):0.00} s  p50 {s.Percentile(50) / 1000:0.00} s  p99 {s.Percentile(99) / 1000:0.00} s  max {(these.Length > 0 ? these[^1] / 1000 : double.NaN):0.00} s"));

                // How the sending spread out: arrivals in each 5 s after the due time, to tell a steady drain from a burst.
                var spread = these.GroupBy(ms => (int)Math.Floor(ms / 5000)).OrderBy(g => g.Key).Select(g => $"{g.Key * 5}-{g.Key * 5 + 5} s: {g.Count()}");
                Console.WriteLine($"          {before} arrivals by lateness: {string.Join(", ", spread)}");
            }
        }

        return failed == 0 && duplicates == 0 && missing == 0;
    }

    /// <summary>
    /// A booking against an instant create, at 8 clients on a fresh service: a plain run, a booking run, a plain run, the
    /// booking compared with the mean of the two, as the table growing under Azurite slows every later run.
    /// </summary>
    private static async Task BookingCostAsync(string appDll, BenchmarkOptions options, Func<Task<AzuriteProcess>> startAzurite)
    {
        var duration = options.Duration < LongestRun ? options.Duration : LongestRun;
        var warmUp = options.WarmUp < LongestWarmUp ? options.WarmUp : LongestWarmUp;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Booking cost: creates at {Clients} clients, broker 0 ms, without and with startsAt two days ahead (reminders P1D, PT15M: none comes due), {duration.TotalSeconds:0} s per run after {warmUp.TotalSeconds:0} s warm-up"));

        // The same Connect settings as above: without an events URL the service would plan no reminders at all.
        await using var connect = await ConnectListener.StartAsync();
        await using var azurite = await startAzurite();
        await using var service = ServiceProcess.Start(appDll, azurite.ConnectionString, "cost" + Guid.NewGuid().ToString("N")[..12], TimeSpan.Zero, ConnectSettings(connect));
        using var http = Client(service);
        await WaitUntilCreatesAsync(http);

        var bookingBody = BookingBody(WholeMinuteAtOrAfter(DateTimeOffset.UtcNow.AddDays(2)), ["P1D", "PT15M"]);
        var before = await MeasureAsync("plain", PlainBody);
        var booking = await MeasureAsync("booking", bookingBody);
        var after = await MeasureAsync("plain", PlainBody);
        var plainP50 = (before.Percentile(50) + after.Percentile(50)) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p50 plain {before.Percentile(50):0.0} / {after.Percentile(50):0.0} ms, booking {booking.Percentile(50):0.0} ms: booking / mean(plain) = {booking.Percentile(50) / plainP50:0.00}"));

        async Task<LatencyStats> MeasureAsync(string kind, string body)
        {
            var stats = await LoadRunner.RunAsync(Clients, warmUp, duration, async _ => (await PostAsync(http, body, Guid.NewGuid().ToString("N"))).Ok);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind,-8} conc {Clients,3}: {stats.Throughput,7:0.0} req/s  p50 {stats.Percentile(50),7:0.0} ms  p95 {stats.Percentile(95),7:0.0} ms  p99 {stats.Percentile(99),7:0.0} ms  errors {stats.Errors,4} of {stats.Requests,6}  peak worker {service.PeakWorkingSetMegabytes().Worker:0} MB"));
            return stats;
        }
    }

    private static Task WaitUntilCreatesAsync(HttpClient http) => ServiceProcess.WaitUntilAsync(
        async () => (await PostAsync(http, PlainBody, Guid.NewGuid().ToString("N"))).Ok, TimeSpan.FromSeconds(60), "create a meeting");

    private static TimeSpan Duration(string iso)
        => IsoDuration.TryParse(iso, out var duration) ? duration : throw new FormatException($"Not an ISO 8601 duration: {iso}");

    private static Dictionary<string, string> ConnectSettings(ConnectListener connect) => new()
    {
        ["Connect__EventsUrl"] = connect.EventsUrl.AbsoluteUri,
        ["Connect__ServiceKey"] = "bench-connect-key",
    };

    private static HttpClient Client(ServiceProcess service)
        => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = service.BaseUrl };

    private static DateTimeOffset WholeMinuteAtOrAfter(DateTimeOffset time)
    {
        var minute = new DateTimeOffset(time.UtcDateTime.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        return minute < time ? minute.AddMinutes(1) : minute;
    }

    private static string BookingBody(DateTimeOffset startsAt, string[] reminders) => JsonSerializer.Serialize(new
    {
        customer = new { phone = "+15551234567", name = "Bench", channel = "whatsapp" },
        reference = "BENCH",
        startsAt = startsAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        durationMinutes = 30,
        reminders,
    });

    private static async Task<(bool Ok, string? MeetingId)> PostAsync(HttpClient http, string body, string idempotencyKey)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/meetings") { Content = content };
        request.Headers.Add("x-api-key", ServiceProcess.FlowKey);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (false, null);
        }

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return (true, answer.RootElement.GetProperty("meetingId").GetString());
    }

    /// <summary>The <c>visit.reminder</c> events Connect has heard so far.</summary>
    private static List<Reminder> Reminded(ConnectListener connect)
    {
        var reminders = new List<Reminder>();
        foreach (var (arrivedAt, body) in connect.Received)
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.GetProperty("event").GetString() == "visit.reminder")
            {
                reminders.Add(new Reminder(
                    root.GetProperty("meetingId").GetString()!,
                    root.GetProperty("remindBefore").GetString()!,
                    DateTimeOffset.Parse(root.GetProperty("startsAt").GetString()!, CultureInfo.InvariantCulture),
                    arrivedAt));
            }
        }

        return reminders;
    }

    private readonly record struct Reminder(string MeetingId, string RemindBefore, DateTimeOffset StartsAt, DateTimeOffset ArrivedAt);
}
