using System.Collections.Concurrent;
using System.Net.Http.Json;
using MeetingLinks.DevHost;
using MeetingLinks.DevHost.Hosting;
using MeetingLinks.DevHost.StandIns;
using MeetingLinks.Tests.Infrastructure;
using MeetingLinks.Tests.OpenApi;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingLinks.Tests.Hosts;

/// <summary>
/// The app under test as its callers reach it: the real worker under the development host, the pipeline a person
/// starts with the README's run command, on loopback ports the system picks. HTTP-level tests talk only to this.
/// </summary>
public sealed class AppHost : IAsyncDisposable
{
    private static readonly string AppDirectory = FunctionsAppLocator.FromAssemblyMetadata(typeof(DevelopmentHost).Assembly);

    private readonly DevelopmentHost _host;
    private readonly ConcurrentQueue<string> _log;

    private AppHost(DevelopmentHost host, ConcurrentQueue<string> log, string tableName, OutboundCalls outbound)
    {
        _host = host;
        _log = log;
        TableName = tableName;
        Outbound = outbound;
        // A wildcard address is where the host listens, not where a client connects: loopback reaches it.
        var address = new Uri(host.BaseAddress.AbsoluteUri.Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal));
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false }) { BaseAddress = address };
    }

    /// <summary>The app's table in the shared Azurite.</summary>
    public string TableName { get; }

    /// <summary>A client for the app: <c>http://127.0.0.1:port/</c>, no redirects followed.</summary>
    public HttpClient Client { get; }

    /// <summary>Calls the app made to anything but loopback; a test fails on any.</summary>
    public OutboundCalls Outbound { get; }

    /// <summary>The development host: its Functions host, the stand-ins, what it reported.</summary>
    public DevelopmentHost Host => _host;

    /// <summary>The development host's stand-in for Webex's API; null when the app talks to a Webex of a test's own.</summary>
    public WebexStandIn? Webex => _host.StandIns?.Webex;

    /// <summary>Everything the host, the worker and the app logged so far, one line per entry.</summary>
    public string LogText => string.Join('\n', _log);

    /// <summary>
    /// Starts the app with <paramref name="settings"/> (configuration keys, <c>Tables:TableName</c>). The stand-ins answer
    /// for the broker and for Webex unless the settings name a broker (<c>InstantConnect:BaseUrl</c>) or a Webex API
    /// (<c>Webex:ApiBaseUrl</c>) of their own; every other outbound call goes to a proxy that refuses and records it.
    /// </summary>
    /// <param name="urls">Where the functions answer; a loopback port the system picks unless a test says otherwise.</param>
    public static async Task<AppHost> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<string>? log = null, string urls = "http://127.0.0.1:0")
    {
        ArgumentNullException.ThrowIfNull(settings);
        var outbound = await OutboundCalls.WithRefusingProxyAsync();
        var lines = new ConcurrentQueue<string>();
        var given = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
        {
            given[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        foreach (var (name, value) in outbound.ProxyEnvironment)
        {
            given[name] = value;
        }

        try
        {
            var host = await DevelopmentHost.StartAsync(
                new DevHostOptions
                {
                    AppDirectory = AppDirectory,
                    Settings = given,
                    Urls = urls,
                    SandboxUrls = "http://127.0.0.1:0",
                    StartAzurite = false,
                    BrokerStandIn = !given.ContainsKey("InstantConnect__BaseUrl"),
                    MessagesStandIn = !given.ContainsKey("Webex__ApiBaseUrl"),
                    RunTimers = false,
                    Log = line =>
                    {
                        lines.Enqueue(line);
                        log?.Invoke(line);
                    },
                },
                NullLogger.Instance);
            return new AppHost(host, lines, settings.GetValueOrDefault("Tables:TableName") ?? "meetings", outbound);
        }
        catch
        {
            await outbound.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a timer-triggered function now, as its schedule would; true when it succeeded.</summary>
    public async Task<bool> RunTimerAsync(string functionName) => (await _host.Functions.InvokeTimerAsync(functionName)).Succeeded;

    public Task<HttpResponseMessage> PostAsync(string path, object? body, string? key = TestSecrets.FlowKey, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is string text ? new StringContent(text, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return SendAsync(request, key);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? key = TestSecrets.OpsKey)
        => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), key);

    /// <summary>
    /// Sends <paramref name="request"/> with <paramref name="key"/> in <c>x-api-key</c> (none when null), and fails the
    /// test when the answer is not one the app's OpenAPI description gives for that operation.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? key)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (request)
        {
            if (key is not null)
            {
                request.Headers.Add("x-api-key", key);
            }

            var response = await Client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            var problems = DescribedAnswers.Problems(request.Method.Method, request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : new Uri(Client.BaseAddress!, request.RequestUri).AbsolutePath,
                response, await response.Content.ReadAsStringAsync());
            Assert.True(problems.Count == 0, "The answer is not what the OpenAPI description says: " + string.Join(Environment.NewLine, problems));
            return response;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        await Outbound.DisposeAsync();
    }
}
