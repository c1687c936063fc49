using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.LocalRun;

/// <summary>
/// A local Azurite Table service running as a child process (for <c>dotnet run</c> and tests).
/// </summary>
/// <remarks>
/// Stopping: azurite-table closes its LokiJS store, which writes pending changes to <c>--location</c>, only on
/// SIGINT. It has no SIGTERM handler, so SIGTERM ends node at once and loses whatever was written since the last
/// 5-second autosave (verified with Azurite 3.35.0). <see cref="DisposeAsync"/> therefore sends SIGINT, waits,
/// then kills the process tree. Windows has no such signal for a child process: there it is killed outright.
/// </remarks>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountName = "devstoreaccount1";

    // The published, well-known development storage key (not a secret); Azurite accepts it by default.
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(5);

    private readonly Process process;
    private readonly ILogger logger;
    private readonly AzuriteOutputTail output = new();
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopWatching = new();
    private Task? stopping;

    private AzuriteProcess(ProcessStartInfo startInfo, int tablePort, Uri tableEndpoint, ILogger logger)
    {
        this.logger = logger;
        TablePort = tablePort;
        TableEndpoint = tableEndpoint;
        process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data);
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

        AzuriteCommand command;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            timeout.CancelAfter(options.StartTimeout);
            try
            {
                command = await AzuriteCommand.ResolveAsync(options.Version, logger, timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Fetching azurite@{options.Version} through npx took longer than {options.StartTimeout}.");
            }
        }

        var endpoint = new UriBuilder(Uri.UriSchemeHttp, connectHost, port, AccountName).Uri;
        var azurite = new AzuriteProcess(AzuriteStartInfo.Create(command, options, port), port, endpoint, logger);
        try
        {
            azurite.Launch();
            await azurite.WaitUntilListeningAsync(connectHost, clock, options.StartTimeout, ct);
        }
        catch (Exception ex)
        {
            if (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Azurite Table service did not start"); // the message carries Azurite's last output
            }

            await azurite.DisposeAsync();
            throw;
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Azurite Table service ready at {Endpoint} after {Elapsed}", endpoint, clock.Elapsed);
        }

        _ = azurite.WarnOnUnexpectedExitAsync();
        return azurite;
    }

    /// <summary>Whether something accepts TCP connections on <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static bool IsListening(string host, int port, TimeSpan timeout) => TcpPort.IsListening(host, port, timeout);

    /// <summary>Stops Azurite: SIGINT, up to 5 s for it to save and exit, then kill. Safe to call more than once.</summary>
    public ValueTask DisposeAsync()
    {
        lock (gate)
        {
            stopping ??= StopAsync();
            return new ValueTask(stopping);
        }
    }

    private void Launch()
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "Starting Azurite: {FileName} {Arguments}", process.StartInfo.FileName, string.Join(' ', process.StartInfo.ArgumentList));
        }

        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not run {process.StartInfo.FileName}.", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private async Task WaitUntilListeningAsync(string host, Stopwatch clock, TimeSpan timeout, CancellationToken ct)
    {
        while (!await TcpPort.ProbeAsync(host, TablePort, TcpPort.ProbeTimeout, ct))
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(ct); // lets the output readers reach the end
                throw new InvalidOperationException(
                    $"Azurite exited with code {process.ExitCode} before listening on {host}:{TablePort}. " +
                    $"Last output:{Environment.NewLine}{output}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"Azurite did not listen on {host}:{TablePort} within {timeout}. Last output:{Environment.NewLine}{output}");
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    private async Task StopAsync()
    {
        await stopWatching.CancelAsync();
        try
        {
            if (!HasExited())
            {
                if (!OperatingSystem.IsWindows() && await TrySendInterruptAsync())
                {
                    using var grace = new CancellationTokenSource(GracefulStopTimeout);
                    try
                    {
                        await process.WaitForExitAsync(grace.Token);
                        return;
                    }
                    catch (OperationCanceledException)
                    {
                        logger.LogWarning("Azurite did not exit within {Timeout} of SIGINT; killing it", GracefulStopTimeout);
                    }
                }

                KillTree();
            }
        }
        finally
        {
            process.Dispose();
            stopWatching.Dispose();
        }
    }

    // Started with `kill` rather than a libc P/Invoke: no native signatures to get right, and stopping is rare.
    private async Task<bool> TrySendInterruptAsync()
    {
        var startInfo = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        startInfo.ArgumentList.Add("-INT");
        startInfo.ArgumentList.Add(process.Id.ToString(CultureInfo.InvariantCulture));
        try
        {
            using var kill = Process.Start(startInfo);
            if (kill is null)
            {
                return false;
            }

            await kill.WaitForExitAsync();
            return kill.ExitCode == 0;
        }
        catch (Win32Exception ex)
        {
            logger.LogWarning(ex, "Could not send SIGINT to Azurite; killing it instead");
            return false;
        }
    }

    private void KillTree()
    {
        try
        {
            process.Kill(entireProcessTree: true);
            if (!process.WaitForExit(GracefulStopTimeout))
            {
                logger.LogWarning("Azurite (pid {ProcessId}) did not exit after being killed", process.Id);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }
    }

    private bool HasExited()
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true; // never started
        }
    }

    private void OnOutput(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            output.Add(line);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("azurite: {Line}", line);
            }
        }
    }

    private async Task WarnOnUnexpectedExitAsync()
    {
        try
        {
            await process.WaitForExitAsync(stopWatching.Token); // also waits for the output readers
        }
        catch (OperationCanceledException)
        {
            return;
        }

        // Under the gate so that a concurrent DisposeAsync cannot dispose the process meanwhile.
        // Exit code 0 is a clean stop by someone else, e.g. Ctrl+C in the terminal, which signals Azurite too.
        lock (gate)
        {
            if (stopping is null && process.ExitCode != 0)
            {
                logger.LogWarning(
                    "Azurite exited unexpectedly with code {ExitCode}; last output:{NewLine}{Output}",
                    process.ExitCode, Environment.NewLine, output);
            }
        }
    }
}
