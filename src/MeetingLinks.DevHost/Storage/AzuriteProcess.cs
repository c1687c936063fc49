using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.DevHost.Storage;

/// <summary>
/// Local Azurite services, the Queue and the Table service, each running as a child process (for <c>dotnet run</c>
/// and tests). One process per service, so that either can be started beside one that already runs.
/// </summary>
/// <remarks>
/// Stopping: azurite-table closes its LokiJS store, which writes pending changes to <c>--location</c>, only on
/// SIGINT. It has no SIGTERM handler, so SIGTERM ends node at once and loses whatever was written since the last
/// 5-second autosave (verified with Azurite 3.35.0; azurite-queue handles both signals). <see cref="DisposeAsync"/>
/// therefore stops each with <see cref="ProcessStopper"/>, which sends SIGINT, waits, then kills the process tree. On
/// Windows, which has no such signal for a child process, they are killed outright, so only the last autosave survives there.
/// </remarks>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>The development storage account, which <c>UseDevelopmentStorage=true</c> names.</summary>
    public const string DevelopmentAccount = "devstoreaccount1";

    private const string AccountName = DevelopmentAccount;

    // The published, well-known development storage key (not a secret); Azurite accepts it by default.
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly IReadOnlyList<Running> services;

    private AzuriteProcess(IReadOnlyList<Running> services) => this.services = services;

    /// <summary>The port the Queue service listens on; null when it was not started.</summary>
    public int? QueuePort => Find(AzuriteService.Queue)?.Endpoint.Port;

    /// <summary>The Queue service endpoint for the development account, e.g. <c>http://127.0.0.1:10001/devstoreaccount1</c>.</summary>
    public Uri? QueueEndpoint => Find(AzuriteService.Queue)?.Endpoint;

    /// <summary>The port the Table service listens on; null when it was not started.</summary>
    public int? TablePort => Find(AzuriteService.Table)?.Endpoint.Port;

    /// <summary>The Table service endpoint for the development account, e.g. <c>http://127.0.0.1:10002/devstoreaccount1</c>.</summary>
    public Uri? TableEndpoint => Find(AzuriteService.Table)?.Endpoint;

    /// <summary>A storage connection string for the development account with the endpoint of each service started.</summary>
    public string ConnectionString => ConnectionStringOf(AccountName);

    /// <summary>The key of an account: the well-known one of the development account, a fixed one made from the name for others.</summary>
    public static string KeyOf(string account)
        => account == DevelopmentAccount ? AccountKey : Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(account)));

    /// <summary>A connection string for <paramref name="account"/> (one of <see cref="AzuriteStartOptions.ExtraAccounts"/>, or the development account).</summary>
    public string ConnectionStringOf(string account) =>
        $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={KeyOf(account)};"
        + string.Concat(services.Select(s => $"{s.Service}Endpoint={new Uri(s.Endpoint, "/" + account).AbsoluteUri};"));

    /// <summary>
    /// Starts the services <paramref name="options"/> give a port and waits until each accepts connections. Fails if a
    /// port is already taken, if a service exits first, or after <see cref="AzuriteStartOptions.StartTimeout"/>.
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(AzuriteStartOptions options, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Version);
        var wanted = new List<(AzuriteService Service, int Port)>();
        foreach (var (service, port) in new[] { (AzuriteService.Queue, options.QueuePort), (AzuriteService.Table, options.TablePort) })
        {
            if (port is { } value)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(value);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(value, IPEndPoint.MaxPort);
                wanted.Add((service, value == 0 ? PickFree(options.Host, wanted.Select(w => w.Port)) : value));
            }
        }

        if (wanted.Count == 0)
        {
            throw new ArgumentException("Give the Queue or the Table service a port (0 picks a free one).", nameof(options));
        }

        var clock = Stopwatch.StartNew();
        var connectHost = TcpPort.ConnectHost(options.Host);

        // Checked up front because the readiness probe cannot tell Azurite from whoever else owns the port.
        if (wanted.Where(w => TcpPort.IsListening(connectHost, w.Port, TcpPort.ProbeTimeout)).ToList() is [var (busy, busyPort), ..])
        {
            throw new InvalidOperationException(
                $"Cannot start Azurite's {AzuriteStartInfo.NameOf(busy)} service on {options.Host}:{busyPort}: something is already listening on that port.");
        }

        var started = new List<Running>();
        try
        {
            foreach (var (service, port) in wanted)
            {
                var command = await ResolveCommandAsync(options, AzuriteStartInfo.BinaryOf(service), logger, ct);
                var server = new ChildProcess(
                    AzuriteStartInfo.Create(command, options, service, port), $"Azurite {AzuriteStartInfo.NameOf(service)} service", logger);
                started.Add(new Running(service, new UriBuilder(Uri.UriSchemeHttp, connectHost, port, AccountName).Uri, server));
                server.Start();
            }

            await Task.WhenAll(started.Select(s =>
                PortReadiness.WaitAsync(s.Server, connectHost, s.Endpoint.Port, clock, options.StartTimeout, ct)));
        }
        catch (Exception ex)
        {
            if (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Azurite did not start"); // the message carries Azurite's last output
            }

            await Task.WhenAll(started.Select(s => s.Server.DisposeAsync().AsTask()));
            throw;
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "Azurite ready at {Endpoints} after {Elapsed}", string.Join(", ", started.Select(s => s.Endpoint)), clock.Elapsed);
        }

        foreach (var running in started)
        {
            running.Server.WarnOnUnexpectedExit();
        }

        return new AzuriteProcess(started);
    }

    /// <summary>Whether something accepts TCP connections on <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static bool IsListening(string host, int port, TimeSpan timeout) => TcpPort.IsListening(host, port, timeout);

    /// <summary>Stops every service: SIGINT, up to 5 s for it to save and exit, then kill. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync() => await Task.WhenAll(services.Select(s => s.Server.DisposeAsync().AsTask()));

    private Running? Find(AzuriteService service) => services.FirstOrDefault(s => s.Service == service);

    // A free port that none of the services started with it has taken already.
    private static int PickFree(string host, IEnumerable<int> taken)
    {
        int port;
        do
        {
            port = TcpPort.PickFree(host);
        }
        while (taken.Contains(port));

        return port;
    }

    // The start timeout covers fetching the package too: the first run downloads it.
    private static async Task<AzuriteCommand> ResolveCommandAsync(AzuriteStartOptions options, string binary, ILogger logger, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.StartTimeout);
        try
        {
            return await AzuriteCommand.ResolveAsync(options.Version, binary, logger, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Fetching azurite@{options.Version} through npx took longer than {options.StartTimeout}.");
        }
    }

    private sealed record Running(AzuriteService Service, Uri Endpoint, ChildProcess Server);
}
