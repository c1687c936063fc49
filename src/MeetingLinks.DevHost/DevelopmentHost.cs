using MeetingLinks.DevHost.Hosting;
using MeetingLinks.DevHost.StandIns;
using MeetingLinks.DevHost.Storage;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.DevHost;

/// <summary>
/// The app's real worker on this machine, as Azure runs it: development storage (Azurite when nothing listens), the
/// stand-ins for the broker and for Webex's messages API when no real ones are set, and the Functions host that starts
/// the worker and serves its functions. Disposing stops everything it started, in reverse order.
/// </summary>
public sealed class DevelopmentHost : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> started;

    private DevelopmentHost(
        FunctionsHost functions, StandInServer? standIns, IReadOnlyDictionary<string, string> settings, List<IAsyncDisposable> started, List<string> report)
    {
        Functions = functions;
        Settings = settings;
        StandIns = standIns;
        this.started = started;
        Report = report;
    }

    /// <summary>The Functions host: its front door, its log, the loaded functions.</summary>
    public FunctionsHost Functions { get; }

    /// <summary>Where the HTTP functions answer, such as <c>http://localhost:7071/</c>.</summary>
    public Uri BaseAddress => Functions.BaseAddress;

    /// <summary>The app settings the worker got: those given, and what this host added.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The stand-ins' server, when a stand-in is in use.</summary>
    public StandInServer? StandIns { get; }

    /// <summary>What runs where, a line each, for a person to read at start-up.</summary>
    public IReadOnlyList<string> Report { get; }

    public static async Task<DevelopmentHost> StartAsync(DevHostOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = new List<IAsyncDisposable>();
        try
        {
            var report = new List<string>();
            var given = WorkerSettings.WithStorageDefault(options.Settings);
            var broker = options.BrokerStandIn ?? WorkerSettings.UsesBrokerStandIn(given);
            var messages = options.MessagesStandIn ?? WorkerSettings.UsesMessagesStandIn(given);
            var connect = options.ConnectStandIn ?? WorkerSettings.UsesConnectStandIn(given);
            var standInOptions = StandInOptions.FromSettings(given);

            // A taken port is said at once, before Azurite or a worker is started for nothing.
            LocalServer.EnsureFree(options.Urls, "--urls", "http://localhost:7073");
            if (broker || messages || connect)
            {
                LocalServer.EnsureFree(options.SandboxUrls, "--sandbox-urls", "http://localhost:7082");
            }

            if (options.StartAzurite)
            {
                var storage = await DevelopmentStorage.StartAsync(given, options.AzuriteLocation ?? DevelopmentStorage.DefaultLocation, logger, cancellationToken);
                started.Add(storage);
                report.Add("Storage: " + storage.Description);
            }

            StandInServer? standIns = null;
            if (broker || messages || connect)
            {
                standIns = await StandInServer.StartAsync(options.SandboxUrls, broker, messages, connect, standInOptions, cancellationToken);
                started.Add(standIns);
            }

            var loopbackOnly = LoopbackAddresses.OnlyLoopback(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var (settings, notes) = WorkerSettings.Compose(
                given, loopbackOnly, broker ? standIns!.BaseAddress : null, messages ? standIns!.BaseAddress : null, connect ? standIns!.BaseAddress : null);
            report.AddRange(notes);

            var hostOptions = new FunctionsHostOptions
            {
                AppDirectory = options.AppDirectory,
                Urls = options.Urls,
                RunTimers = options.RunTimers,
                QueuePollInterval = options.QueuePollInterval,
                Log = options.Log,
            };
            foreach (var (name, value) in settings)
            {
                hostOptions.Settings[name] = value;
            }

            var functions = await FunctionsHost.StartAsync(hostOptions, cancellationToken);
            started.Add(functions);
            report.Insert(0, $"Functions: {functions.Functions.Count} functions of the real worker at {functions.BaseAddress}{functions.RoutePrefix}; the ops page: {functions.BaseAddress}{functions.RoutePrefix}/ops");
            return new DevelopmentHost(functions, standIns, settings, started, report);
        }
        catch
        {
            await StopAsync(started);
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(started);

    private static async Task StopAsync(List<IAsyncDisposable> started)
    {
        for (var i = started.Count - 1; i >= 0; i--)
        {
            await started[i].DisposeAsync();
        }

        started.Clear();
    }
}
