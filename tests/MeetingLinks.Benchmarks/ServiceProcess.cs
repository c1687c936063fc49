using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MeetingLinks.Benchmarks;

/// <summary>
/// The service as a user runs it locally: the built app started as its own process (the local run
/// with the sandbox broker), pointed at the benchmark's Azurite.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    public const string FlowKey = "bench-flow-key";
    public const string OpsKey = "bench-ops-key";

    private readonly Process _process;

    private ServiceProcess(Process process, Uri baseUrl, long startedAt)
    {
        _process = process;
        BaseUrl = baseUrl;
        StartedAt = startedAt;
    }

    public Uri BaseUrl { get; }

    /// <summary>The <see cref="Stopwatch"/> timestamp just before the process was started.</summary>
    public long StartedAt { get; }

    public static ServiceProcess Start(string appDll, string storage, string table, TimeSpan brokerLatency)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
        };
        info.ArgumentList.Add(appDll);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Tables__ConnectionString"] = storage;
        info.Environment["AzureWebJobsStorage"] = storage;
        info.Environment["Tables__TableName"] = table;
        info.Environment["InstantConnect__Sandbox"] = "true";
        info.Environment["Sandbox__Latency"] = brokerLatency.ToString("c", CultureInfo.InvariantCulture);
        info.Environment["Auth__FlowKeys"] = FlowKey;
        info.Environment["Auth__OpsKeys"] = OpsKey;
        info.Environment["LocalRun__StartAzurite"] = "false";

        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the service.");

        // Drain its console so logging never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}/"), startedAt);
    }

    /// <summary>Tries <paramref name="probe"/> until it succeeds; not listening yet counts as not yet.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> probe, TimeSpan limit, string what)
    {
        var until = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                if (await probe())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (Stopwatch.GetTimestamp() < until)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetTimestamp() >= until)
            {
                throw new TimeoutException($"The service did not {what} in time.");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Peak resident set (VmHWM) of the service process so far, in MB; Linux only.</summary>
    public double PeakWorkingSetMegabytes()
    {
        var status = $"/proc/{_process.Id}/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                var kilobytes = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                return kilobytes / 1024;
            }
        }

        _process.Refresh();
        return _process.PeakWorkingSet64 / 1024.0 / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
