using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Hosts;

/// <summary>
/// The base of an HTTP-level suite that runs on both hosts: a sealed subclass per <see cref="HostKind"/> runs every
/// test of it. After each test it fails the test on an outbound call nobody arranged and on a scripted broker answer
/// that was never asked for, and the apps' log lines go to the test's output.
/// </summary>
public abstract class HostSuite(HostKind kind, SharedAppHosts shared, AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<AppHost> _own = [];
    private readonly List<(AppHost Host, int CallsBefore)> _watched = [];
    private readonly List<IAsyncDisposable> _kept = [];

    protected HostKind Kind => kind;

    protected AzuriteFixture Azurite => azurite;

    protected ITestOutputHelper Output => output;

    /// <summary>The app with the default settings, shared with this class's other tests.</summary>
    protected async Task<AppHost> AppAsync() => Watch(await shared.GetAsync(kind, azurite));

    /// <summary>An app of this test's own, with <paramref name="settings"/> over the defaults; stopped after the test.</summary>
    protected async Task<AppHost> StartAppAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = await AppHosts.StartAsync(kind, AppHostSettings.With(azurite, settings), output.WriteLine);
        _own.Add(host);
        return Watch(host);
    }

    /// <summary>Something the test's apps use (a server, a process), stopped after them when the test ends.</summary>
    protected T Keep<T>(T disposable)
        where T : IAsyncDisposable
    {
        _kept.Add(disposable);
        return disposable;
    }

    /// <summary>A fake Webex broker on loopback, and the settings that send the app's production broker client to it.</summary>
    protected async Task<(FakeBroker Broker, Dictionary<string, string?> Settings)> FakeBrokerAsync()
    {
        var broker = Keep(await FakeBroker.StartAsync());
        return (broker, new Dictionary<string, string?>
        {
            ["InstantConnect:Sandbox"] = "false",
            ["InstantConnect:BaseUrl"] = broker.Url.ToString(),
        });
    }

    /// <summary>An app of this test's own whose production broker client calls a fake broker; <paramref name="settings"/> on top.</summary>
    protected async Task<(AppHost App, FakeBroker Broker)> StartAppWithFakeBrokerAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var (broker, brokerSettings) = await FakeBrokerAsync();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            brokerSettings[key] = value;
        }

        return (await StartAppAsync(brokerSettings), broker);
    }

    /// <summary>
    /// A request no function's route takes (unknown path, wrong method, a malformed id): 404 on both hosts. The
    /// Functions host answers it itself, with an empty body; the local run adds a problem body.
    /// </summary>
    protected async Task AssertNoRouteAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (kind == HostKind.LocalRun)
        {
            await response.AssertProblemAsync(404, "not_found");
        }
        else
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsStringAsync());
        }
    }

    public Task InitializeAsync()
    {
        shared.Output.Current = output;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        var unexpected = _watched.SelectMany(w => w.Host.Outbound.Calls.Skip(w.CallsBefore)).ToList();
        var unplayed = _kept.OfType<IScriptedStandIn>().Sum(s => s.ScriptedLeft);
        foreach (var host in _own)
        {
            await host.DisposeAsync();
        }

        foreach (var kept in _kept)
        {
            await kept.DisposeAsync();
        }

        shared.Output.Current = null;
        Assert.True(unexpected.Count == 0, $"The app made calls no test arranged: {string.Join(", ", unexpected)}");
        Assert.True(unplayed == 0, $"{unplayed} scripted broker or Webex answer(s) were never asked for: the test did not exercise what it set up.");
    }

    private AppHost Watch(AppHost host)
    {
        _watched.Add((host, host.Outbound.Calls.Count));
        return host;
    }
}
