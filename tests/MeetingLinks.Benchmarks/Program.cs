using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using MeetingLinks.Benchmarks;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using MeetingLinks.DevHost.Storage;
using MeetingLinks.Experts;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Notifications;
using MeetingLinks.Validation;
using Microsoft.Extensions.Logging.Abstractions;

// Measures POST /api/meetings against the unavoidable work (broker round trip + table writes), with a chain of two experts
// against without, what a chain's deadline adds, and cold start; then what finding and erasing a phone number's meetings
// read from a large table; then whether the reminders of 1,000 visits booked ahead arrive once each and on time, and what
// a booking costs against an instant create; then how fast the day at a glance answers for a day of 10,000 meetings.
var options = BenchmarkOptions.Parse(args);
var appDll = Path.Combine(RepositoryRoot(), "src", "MeetingLinks.DevHost", "bin", "Release", "net10.0", "MeetingLinks.DevHost.dll");
if (!File.Exists(appDll) || !File.Exists(Path.Combine(RepositoryRoot(), "src", "MeetingLinks.Functions", "bin", "Release", "net10.0", "MeetingLinks.Functions.dll")))
{
    Console.Error.WriteLine($"Build the app and its development host in Release first (dotnet build -c Release Functions.sln): {appDll} is missing.");
    return 1;
}

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
if (options.Runs(BenchmarkOptions.CreatePart))
{
    Console.WriteLine($"Create: {options}");
    var body = Encoding.UTF8.GetBytes("""{"customer":{"phone":"+15551234567","name":"Bench","channel":"whatsapp"},"reference":"BENCH"}""");

    // The same create with a chain of two experts: the host link then also goes on the queue to the first expert (the
    // stand-in for Webex), and with it the step's deadline, a timer that passes the visit to the second when time is up.
    var expertBody = Encoding.UTF8.GetBytes("""{"customer":{"phone":"+15551234567","name":"Bench","channel":"whatsapp"},"reference":"BENCH","experts":[{"email":"expert-a@bench.example"},{"email":"expert-b@bench.example"}]}""");

    // The expert side's service gives each expert an hour, the longest Experts__AnswerWithin allows, so that no deadline comes
    // due while it runs: one would pass its visit on and send a card that no create of the run asked for. Its runs must end well
    // before then.
    var answerWithin = TimeSpan.FromHours(1);
    var expertSettings = new Dictionary<string, string> { ["Experts__AnswerWithin"] = IsoDuration.Format(answerWithin) };
    var expertRuns = 3 * options.Concurrency.Length * (options.WarmUp + options.Duration);
    if (expertRuns > answerWithin / 2)
    {
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The runs with experts would take {expertRuns.TotalMinutes:0} min; they must end well within the {answerWithin.TotalMinutes:0} min the experts get. Use a shorter --duration or fewer --concurrency values."));
        return 1;
    }

    var report = new Report();

    foreach (var latency in options.Latencies)
    {
        // A fresh in-memory Azurite for each side, so neither runs against the other's leftovers.
        var table = "bench" + Guid.NewGuid().ToString("N")[..12];
        await using (var azurite = await StartAzuriteAsync())
        await using (var service = ServiceProcess.Start(appDll, azurite.ConnectionString, table, latency))
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = service.BaseUrl };
            await WaitUntilCreatesAsync(http, body, TimeSpan.FromSeconds(60));
            foreach (var concurrency in options.Concurrency)
            {
                var stats = await LoadRunner.RunAsync(concurrency, options.WarmUp, options.Duration, _ => PostAsync(http, body));
                report.Add("service", latency, stats, service.PeakWorkingSetMegabytes());
            }
        }

        // The experts' cost on a service of its own: each run with a chain sits between two plain runs, after its cards are
        // sent, so that the table growing under Azurite (which slows every later run) is not counted as the experts' cost.
        await using (var azurite = await StartAzuriteAsync())
        await using (var service = ServiceProcess.Start(appDll, azurite.ConnectionString, table, latency, expertSettings))
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = service.BaseUrl };
            await WaitUntilCreatesAsync(http, body, TimeSpan.FromSeconds(60));
            var expertQueue = new QueueClient(azurite.ConnectionString, NotificationQueueFunctions.QueueName);
            var expertTable = new TableClient(azurite.ConnectionString, table);
            foreach (var concurrency in options.Concurrency)
            {
                report.Add("before", latency, await LoadRunner.RunAsync(concurrency, options.WarmUp, options.Duration, _ => PostAsync(http, body)), service.PeakWorkingSetMegabytes());
                report.Add("expert", latency, await LoadRunner.RunAsync(concurrency, options.WarmUp, options.Duration, _ => PostAsync(http, expertBody)), service.PeakWorkingSetMegabytes());
                var waiting = Stopwatch.GetTimestamp();
                var timers = await WaitUntilOnlyTimersAsync(expertQueue, expertTable, TimeSpan.FromMinutes(5));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"queue    cards all sent {Stopwatch.GetElapsedTime(waiting).TotalSeconds:0.0} s after the run; it holds only the deadlines, invisible: {timers}, one per chain so far"));
                report.Add("after", latency, await LoadRunner.RunAsync(concurrency, options.WarmUp, options.Duration, _ => PostAsync(http, body)), service.PeakWorkingSetMegabytes());
            }
        }

        await using var baselineAzurite = await StartAzuriteAsync();
        await using var baseline = await Baseline.CreateAsync(baselineAzurite.ConnectionString, table, latency);
        foreach (var concurrency in options.Concurrency)
        {
            report.Add("baseline", latency, await LoadRunner.RunAsync(concurrency, options.WarmUp, options.Duration, baseline.CreateOnceAsync), null);
        }
    }

    report.Print();
    await DeadlineCost.RunAsync(options, StartAzuriteAsync);

    var coldStarts = new List<double>();
    await using var coldAzurite = await StartAzuriteAsync();
    var coldTable = "cold" + Guid.NewGuid().ToString("N")[..12];
    for (var i = 0; i < options.ColdStarts; i++)
    {
        await using var service = ServiceProcess.Start(appDll, coldAzurite.ConnectionString, coldTable, TimeSpan.Zero);
        using var http = new HttpClient { BaseAddress = service.BaseUrl };
        await WaitUntilCreatesAsync(http, body, TimeSpan.FromSeconds(60));
        coldStarts.Add(Stopwatch.GetElapsedTime(service.StartedAt).TotalMilliseconds);
    }

    coldStarts.Sort();
    Console.WriteLine();
    // --cold-starts 0 skips the measurement.
    if (coldStarts.Count > 0)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Cold start (process start to first successful create), {coldStarts.Count} starts: median {coldStarts[coldStarts.Count / 2]:0} ms; all: {string.Join(", ", coldStarts.Select(c => c.ToString("0", CultureInfo.InvariantCulture)))} ms"));
    }
}

if (options.Runs(BenchmarkOptions.PhonePart) && !await PhoneBenchmark.RunAsync(appDll, options, StartAzuriteAsync))
{
    return 1;
}

if (options.Runs(BenchmarkOptions.VisitsPart) && !await VisitsBenchmark.RunAsync(appDll, options, StartAzuriteAsync))
{
    return 1;
}

if (options.Runs(BenchmarkOptions.SummaryPart) && !await SummaryBenchmark.RunAsync(appDll, StartAzuriteAsync))
{
    return 1;
}

return 0;

static Task<AzuriteProcess> StartAzuriteAsync()
    => AzuriteProcess.StartAsync(new AzuriteStartOptions { QueuePort = 0, TablePort = 0 }, NullLogger.Instance, CancellationToken.None);

static async Task<bool> PostAsync(HttpClient http, byte[] body)
{
    using var content = new ByteArrayContent(body);
    content.Headers.ContentType = new("application/json");
    using var request = new HttpRequestMessage(HttpMethod.Post, "api/meetings") { Content = content };
    request.Headers.Add("x-api-key", ServiceProcess.FlowKey);
    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
    using var response = await http.SendAsync(request);
    return response.StatusCode == HttpStatusCode.OK;
}

// Waits until the queue has sent every card of the chains and holds nothing but their deadlines; returns how many. The deadlines
// stay on the queue, invisible, for the hour each expert has, and a queue's message count includes invisible messages, so it
// no longer falls to 0. Every create with a chain leaves one deadline on the queue and one row of kind 'deadline' in the index
// of open work (partition 'open'), written before the timer is put; no step ends while the benchmark waits, so those rows
// neither come nor go. A card's message leaves the queue only after its sending has settled the record and deleted the card's
// row. So the count equals the number of deadline rows exactly when no card is left to send or being sent. (A create whose
// deadline failed to go on the queue would leave a row without a timer, and the wait would end with one card still there;
// that create fails, so its run shows the error.)
static async Task<int> WaitUntilOnlyTimersAsync(QueueClient queue, TableClient table, TimeSpan limit)
{
    if (!await queue.ExistsAsync())
    {
        return 0;
    }

    var filter = TableClient.CreateQueryFilter($"PartitionKey eq {OpenWorkIndex.Partition} and WorkKind eq {ExpertDeadlines.KindName}");
    var until = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
    while (true)
    {
        // Counting the rows reads the whole index: once a second. Counting the messages is one small request: every 20 ms.
        var deadlines = await table.QueryAsync<TableEntity>(filter, select: ["RowKey"]).CountAsync();
        for (var i = 0; i < 50; i++)
        {
            var messages = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            if (messages == deadlines)
            {
                return deadlines;
            }

            if (Stopwatch.GetTimestamp() >= until)
            {
                throw new TimeoutException($"The service did not send the expert messages in time: {messages} messages on the queue, {deadlines} of them deadlines.");
            }

            await Task.Delay(20);
        }
    }
}

static Task WaitUntilCreatesAsync(HttpClient http, byte[] body, TimeSpan limit)
    => ServiceProcess.WaitUntilAsync(() => PostAsync(http, body), limit, "create a meeting");

static string RepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
}
