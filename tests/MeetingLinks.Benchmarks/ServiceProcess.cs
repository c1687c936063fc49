using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace MeetingLinks.Benchmarks;

/// <summary>
/// The service as a user runs it locally: the development host's build output started as its own process, which
/// starts the app's real worker, serves its functions and the broker stand-in, pointed at the benchmark's Azurite.
/// </summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    public const string FlowKey = "bench-flow-key";
    public const string OpsKey = "bench-ops-key";

    private readonly Process _process;
    private readonly TaskCompletionSource<int> _workerId = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process, Uri baseUrl, long startedAt)
    {
        _process = process;
        BaseUrl = baseUrl;
        StartedAt = startedAt;
    }

    public Uri BaseUrl { get; }

    /// <summary>The <see cref="Stopwatch"/> timestamp just before the process was started.</summary>
    public long StartedAt { get; }

    /// <param name="settings">App settings beyond the benchmark's own (<c>Experts__AnswerWithin</c>…), set as environment
    /// variables: the development host takes its environment over <c>local.settings.json</c> and hands it to the worker.</param>
    public static ServiceProcess Start(
        string devHostDll, string storage, string table, TimeSpan brokerLatency, IReadOnlyDictionary<string, string>? settings = null)
        => Start(devHostDll, storage, storage, table, brokerLatency, settings);

    /// <param name="tables">Where the app's table is (<c>Tables__ConnectionString</c>).</param>
    /// <param name="queues">Where its queues are (<c>AzureWebJobsStorage</c>).</param>
    public static ServiceProcess Start(
        string devHostDll, string tables, string queues, string table, TimeSpan brokerLatency, IReadOnlyDictionary<string, string>? settings = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(devHostDll)!,
        };
        var port = FreePort();
        foreach (var argument in (string[])[devHostDll, "--urls", $"http://127.0.0.1:{port}", "--sandbox-urls", $"http://127.0.0.1:{FreePort()}"])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["Tables__ConnectionString"] = tables;
        info.Environment["AzureWebJobsStorage"] = queues;
        info.Environment["Tables__TableName"] = table;
        info.Environment["Sandbox__Latency"] = brokerLatency.ToString("c", CultureInfo.InvariantCulture);
        info.Environment["Auth__FlowKeys"] = FlowKey;
        info.Environment["Auth__OpsKeys"] = OpsKey;
        info.Environment["DevHost__StartAzurite"] = "false";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the service.");
        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}/"), startedAt);

        // Drain its console so logging never blocks it, and learn the worker's process id from it.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && WorkerStarted().Match(e.Data) is { Success: true } started)
            {
                service._workerId.TrySetResult(int.Parse(started.Groups["pid"].Value, CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
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

    /// <summary>Peak resident set (VmHWM) so far, in MB, of the app's worker process and of the development host; Linux only.</summary>
    public (double Worker, double Host) PeakWorkingSetMegabytes()
        => (_workerId.Task.IsCompletedSuccessfully ? PeakOf(_workerId.Task.Result) : double.NaN, PeakOf(_process.Id));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static double PeakOf(int processId)
    {
        var status = $"/proc/{processId}/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"\[host\] started worker process (?<pid>\d+)")]
    private static partial Regex WorkerStarted();
}
