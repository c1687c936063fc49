using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Hosts;

/// <summary>
/// The base of an HTTP-level suite on the development host's pipeline. Apps come shared (<see cref="AppAsync"/>,
/// <see cref="SharedAppAsync"/>) or a test's own (<see cref="StartAppAsync"/>). After each test it fails the test on an
/// outbound call nobody arranged and on a scripted answer that was never asked for.
/// </summary>
public abstract class HostSuite(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime, IClassFixture<AzuriteFixture>
{
    private readonly List<AppHost> _own = [];
    private readonly List<(AppHost Host, int CallsBefore)> _watched = [];
    private readonly List<IAsyncDisposable> _kept = [];
    private readonly List<IScriptedStandIn> _scripted = [];
    private readonly Dictionary<string, IDisposable> _brokerTurns = new(StringComparer.Ordinal);

    protected AzuriteFixture Azurite => azurite;

    protected ITestOutputHelper Output => output;

    /// <summary>The app with the default settings, shared with every other test that asks for it.</summary>
    protected Task<AppHost> AppAsync() => SharedAppAsync("default");

    /// <summary>A second worker on the default app's table, as a second instance in Azure would be; shared too.</summary>
    protected async Task<AppHost> DefaultTwinAsync()
        => await SharedAppAsync("default-twin", new Dictionary<string, string?> { ["Tables:TableName"] = (await AppAsync()).TableName });

    /// <summary>
    /// The app for <paramref name="configuration"/>: <paramref name="settings"/> over the defaults, started once for every
    /// test that names the same configuration (with the same settings).
    /// </summary>
    protected async Task<AppHost> SharedAppAsync(string configuration, IReadOnlyDictionary<string, string?>? settings = null)
        => Watch(await SharedAppHosts.GetAsync(configuration, () => AppHost.StartAsync(AppHostSettings.With(azurite, settings))));

    /// <summary>An app of this test's own, with <paramref name="settings"/> over the defaults; stopped after the test.</summary>
    protected async Task<AppHost> StartAppAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = await AppHost.StartAsync(AppHostSettings.With(azurite, settings), output.WriteLine);
        _own.Add(host);
        return Watch(host);
    }

    /// <summary>Something the test's apps use (a server, a process), stopped after them when the test ends.</summary>
    protected T Keep<T>(T disposable)
        where T : IAsyncDisposable
    {
        _kept.Add(disposable);
        if (disposable is IScriptedStandIn scripted)
        {
            _scripted.Add(scripted);
        }

        return disposable;
    }

    /// <summary>A scripted stand-in the test uses: its scripted answers must all be asked for by the time the test ends.</summary>
    protected T Scripted<T>(T standIn)
        where T : IScriptedStandIn
    {
        _scripted.Add(standIn);
        return standIn;
    }

    /// <summary>
    /// The app for <paramref name="configuration"/> whose production broker client calls a fake broker on loopback, both
    /// shared with the other tests of that configuration. The broker is this test's until it ends: a test of another
    /// class that asks for it meanwhile waits its turn. It is reset for this test (no script, no requests).
    /// </summary>
    protected async Task<(AppHost App, FakeBroker Broker)> FakeBrokerAppAsync(string configuration = "fake-broker", IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (!_brokerTurns.ContainsKey(configuration))
        {
            _brokerTurns[configuration] = await SharedFakeBrokers.TakeTurnAsync(configuration);
        }

        var broker = await SharedFakeBrokers.GetAsync(configuration);
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["InstantConnect:BaseUrl"] = broker.Url.ToString() };
        var app = await SharedAppAsync(configuration, all);
        broker.Reset();
        _scripted.Add(broker);
        return (app, broker);
    }

    /// <summary>A request no function's route takes (unknown path, wrong method, a malformed id): the host's bare 404.</summary>
    protected static async Task AssertNoRouteAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var unexpected = _watched.SelectMany(w => w.Host.Outbound.Calls.Skip(w.CallsBefore)).ToList();
        var unplayed = _scripted.Sum(s => s.ScriptedLeft);
        foreach (var turn in _brokerTurns.Values)
        {
            turn.Dispose();
        }

        foreach (var host in _own)
        {
            await host.DisposeAsync();
        }

        foreach (var kept in _kept)
        {
            await kept.DisposeAsync();
        }

        Assert.True(unexpected.Count == 0, $"The app made calls no test arranged: {string.Join(", ", unexpected)}");
        Assert.True(unplayed == 0, $"{unplayed} scripted broker or Webex answer(s) were never asked for: the test did not exercise what it set up.");
    }

    private AppHost Watch(AppHost host)
    {
        _watched.Add((host, host.Outbound.Calls.Count));
        return host;
    }
}

/// <summary>
/// One fake broker per configuration for the whole run, stopped with the test process (it is in-process), used by one
/// test at a time: tests of other classes run alongside, and those that use the same broker take turns.
/// </summary>
internal static class SharedFakeBrokers
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<FakeBroker>>> Brokers = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Turns = new(StringComparer.Ordinal);

    public static Task<FakeBroker> GetAsync(string configuration)
        => Brokers.GetOrAdd(configuration, _ => new Lazy<Task<FakeBroker>>(FakeBroker.StartAsync)).Value;

    /// <summary>Waits until no other test uses the broker of <paramref name="configuration"/>; disposing the turn hands it on.</summary>
    public static async Task<IDisposable> TakeTurnAsync(string configuration)
    {
        var turn = Turns.GetOrAdd(configuration, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync();
        return new Turn(turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        public void Dispose() => turn.Release();
    }
}
