using System.Diagnostics;

namespace MeetingLinks.DevHost.Hosting.Worker;

/// <summary>The app's worker process, started the way the Functions host starts a dotnet-isolated worker.</summary>
internal sealed class WorkerProcess
{
    private readonly Process process;

    private WorkerProcess(Process process, HostLog log)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.Write("[worker] " + e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Write("[worker stderr] " + e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Exited = WaitForExitCodeAsync();

        // A test run that ends without disposing the double still takes its worker down with it.
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        log.Write($"[host] started worker process {process.Id}: {process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)}");
    }

    /// <summary>Completes with the exit code when the worker exits, for whatever reason.</summary>
    public Task<int> Exited { get; }

    /// <param name="executable">From worker.config.json (<c>dotnet</c>).</param>
    /// <param name="workerPath">From worker.config.json: the app's dll, relative to the app directory.</param>
    public static WorkerProcess Start(
        string executable, string workerPath, string appDirectory, Uri grpcUri,
        IEnumerable<KeyValuePair<string, string>> environment, HostLog log)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        const string MaxMessageLength = "2147483647";
        start.ArgumentList.Add(workerPath);

        // What the 2.x worker reads...
        foreach (var argument in new[]
        {
            "--functions-uri", grpcUri.ToString(), "--functions-worker-id", workerId,
            "--functions-request-id", requestId, "--functions-grpc-max-message-length", MaxMessageLength,
        })
        {
            start.ArgumentList.Add(argument);
        }

        // ...and the legacy spelling the real host passes as well, so the app sees the same command line.
        foreach (var argument in new[]
        {
            "--host", grpcUri.Host, "--port", grpcUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", MaxMessageLength,
        })
        {
            start.ArgumentList.Add(argument);
        }

        // Where this host listens is not the worker's business: its Kestrel picks its own port for the HttpUri.
        foreach (var listening in (string[])["ASPNETCORE_URLS", "URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS"])
        {
            start.Environment.Remove(listening);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new WorkerProcess(new Process { StartInfo = start }, log);
    }

    /// <summary>Waits up to <paramref name="grace"/> for the worker to exit by itself, then kills it with its children.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            await Exited.WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            Kill();
            await Exited;
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
            process.Dispose();
        }
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
    }

    private async Task<int> WaitForExitCodeAsync()
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
