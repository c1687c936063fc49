using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Hosts;

/// <summary>
/// One app per host kind with the default settings, started on first use and shared by the tests of a class (a
/// worker takes a few seconds to start). Tests keep their data apart by unique keys and references.
/// </summary>
public sealed class SharedAppHosts : IAsyncLifetime
{
    private readonly Dictionary<HostKind, Task<AppHost>> _hosts = [];
    private readonly Lock _gate = new();

    /// <summary>Where the shared apps' log lines go: the output of the test running now.</summary>
    public TestOutputRelay Output { get; } = new();

    public Task<AppHost> GetAsync(HostKind kind, AzuriteFixture azurite)
    {
        lock (_gate)
        {
            if (!_hosts.TryGetValue(kind, out var host) || host.IsFaulted)
            {
                _hosts[kind] = host = AppHosts.StartAsync(kind, AppHostSettings.Defaults(azurite), Output.Write);
            }

            return host;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts.Values.Where(h => h.IsCompletedSuccessfully))
        {
            await (await host).DisposeAsync();
        }
    }
}

/// <summary>Passes lines to the output of the test running now; tests of one collection run one at a time.</summary>
public sealed class TestOutputRelay
{
    private volatile ITestOutputHelper? _current;

    public ITestOutputHelper? Current
    {
        get => _current;
        set => _current = value;
    }

    public void Write(string line)
    {
        try
        {
            _current?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // Between tests there is no output to write to.
        }
    }
}

public static class AppHosts
{
    public static async Task<AppHost> StartAsync(HostKind kind, IReadOnlyDictionary<string, string?> settings, Action<string> log)
        => kind == HostKind.LocalRun
            ? await LocalRunAppHost.StartAsync(settings, log)
            : await WorkerAppHost.StartAsync(settings, log);
}
