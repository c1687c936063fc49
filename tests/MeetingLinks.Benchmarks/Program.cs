using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using MeetingLinks.Benchmarks;
using Azure.Storage.Queues;
using MeetingLinks.DevHost.Storage;
using MeetingLinks.Notifications;
using Microsoft.Extensions.Logging.Abstractions;

// Measures POST /api/meetings against the unavoidable work (broker round trip + table writes), and cold start;
// then what finding and erasing a phone number's meetings read from a large table.
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

    // The same create with an expert: the host link then also goes on the queue to the expert (the stand-in for Webex).
    var expertBody = Encoding.UTF8.GetBytes("""{"customer":{"phone":"+15551234567","name":"Bench","channel":"whatsapp"},"reference":"BENCH","expert":{"email":"expert@bench.example"}}""");
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

        // The expert's cost on a service of its own: each run with an expert sits between two plain runs, after its messages
        // are sent, so that the table growing under Azurite (which slows every later run) is not counted as the expert's cost.
        await using (var azurite = await StartAzuriteAsync())
        await using (var service = ServiceProcess.Start(appDll, azurite.ConnectionString, table, latency))
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = service.BaseUrl };
            await WaitUntilCreatesAsync(http, body, TimeSpan.FromSeconds(60));
            var expertQueue = new QueueClient(azurite.ConnectionString, NotificationQueueFunctions.QueueName);
            foreach (var concurrency in options.Concurrency)
            {
                report.Add("before", latency, await LoadRunner.RunAsync(concurrency, options.WarmUp, options.Duration, _ => PostAsync(http, body)), service.PeakWorkingSetMegabytes());
                report.Add("expert", latency, await LoadRunner.RunAsync(concurrency, options.WarmUp, options.Duration, _ => PostAsync(http, expertBody)), service.PeakWorkingSetMegabytes());
                await ServiceProcess.WaitUntilAsync(
                    async () => !await expertQueue.ExistsAsync() || (await expertQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0,
                    TimeSpan.FromMinutes(5), "send the expert messages");
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
