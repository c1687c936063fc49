using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.LocalRun;

/// <summary>
/// A local Azurite Table service running as a child process (for <c>dotnet run</c> and tests).
/// </summary>
/// <remarks>
/// Stopping: azurite-table closes its LokiJS store, which writes pending changes to <c>--location</c>, only on
/// SIGINT. It has no SIGTERM handler, so SIGTERM ends node at once and loses whatever was written since the last
/// 5-second autosave (verified with Azurite 3.35.0). <see cref="DisposeAsync"/> therefore stops it with
/// <see cref="ProcessStopper"/>, which sends SIGINT, waits, then kills the process tree. On Windows, which has no
/// such signal for a child process, it is killed outright, so only the last autosave survives there.
/// </remarks>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountName = "devstoreaccount1";

    // The published, well-known development storage key (not a secret); Azurite accepts it by default.
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ChildProcess server;

    private AzuriteProcess(ChildProcess server, int tablePort, Uri tableEndpoint)
    {
        this.server = server;
        TablePort = tablePort;
        TableEndpoint = tableEndpoint;
    }

    /// <summary>The port the Table service listens on.</summary>
    public int TablePort { get; }

    /// <summary>The Table service endpoint for the development account, e.g. <c>http://127.0.0.1:10002/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>A storage connection string for the development account on this instance.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint.AbsoluteUri};";

    /// <summary>
    /// Starts Azurite and waits until its port accepts connections. Fails if the port is already taken, if Azurite
    /// exits first, or after <see cref="AzuriteStartOptions.StartTimeout"/>.
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(AzuriteStartOptions options, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Version);
        ArgumentOutOfRangeException.ThrowIfNegative(options.TablePort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.TablePort, IPEndPoint.MaxPort);

        var clock = Stopwatch.StartNew();
        var connectHost = TcpPort.ConnectHost(options.Host);
        var port = options.TablePort == 0 ? TcpPort.PickFree(options.Host) : options.TablePort;

        // Checked up front because the readiness probe cannot tell Azurite from whoever else owns the port.
        if (TcpPort.IsListening(connectHost, port, TcpPort.ProbeTimeout))
        {
            throw new InvalidOperationException(
                $"Cannot start Azurite on {options.Host}:{port}: something is already listening on that port.");
        }

        var command = await ResolveCommandAsync(options, logger, ct);
        var endpoint = new UriBuilder(Uri.UriSchemeHttp, connectHost, port, AccountName).Uri;
        var server = new ChildProcess(AzuriteStartInfo.Create(command, options, port), "Azurite", logger);
        try
        {
            server.Start();
            await PortReadiness.WaitAsync(server, connectHost, port, clock, options.StartTimeout, ct);
        }
        catch (Exception ex)
        {
            if (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Azurite Table service did not start"); // the message carries Azurite's last output
            }

            await server.DisposeAsync();
            throw;
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Azurite Table service ready at {Endpoint} after {Elapsed}", endpoint, clock.Elapsed);
        }

        server.WarnOnUnexpectedExit();
        return new AzuriteProcess(server, port, endpoint);
    }

    /// <summary>Whether something accepts TCP connections on <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static bool IsListening(string host, int port, TimeSpan timeout) => TcpPort.IsListening(host, port, timeout);

    /// <summary>Stops Azurite: SIGINT, up to 5 s for it to save and exit, then kill. Safe to call more than once.</summary>
    public ValueTask DisposeAsync() => server.DisposeAsync();

    // The start timeout covers fetching the package too: the first run downloads it.
    private static async Task<AzuriteCommand> ResolveCommandAsync(AzuriteStartOptions options, ILogger logger, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.StartTimeout);
        try
        {
            return await AzuriteCommand.ResolveAsync(options.Version, logger, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Fetching azurite@{options.Version} through npx took longer than {options.StartTimeout}.");
        }
    }
}
