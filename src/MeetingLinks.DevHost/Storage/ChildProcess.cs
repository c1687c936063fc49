using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.DevHost.Storage;

/// <summary>
/// A process this app starts and must stop again: keeps its last output for error messages, logs each line at
/// debug level, can warn when it dies on its own, and is stopped by <see cref="ProcessStopper"/> when disposed.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ILogger logger;
    private readonly OutputTail output = new();
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopWatching = new();
    private Task? stopping;

    /// <param name="name">What to call the process in log and error messages, e.g. "Azurite".</param>
    public ChildProcess(ProcessStartInfo startInfo, string name, ILogger logger)
    {
        Name = name;
        this.logger = logger;
        process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data);
    }

    /// <summary>What log and error messages call the process.</summary>
    public string Name { get; }

    /// <summary>Whether the process has ended (or was never started).</summary>
    public bool HasExited
    {
        get
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
    }

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>The last lines it wrote to stdout and stderr, or "(no output)".</summary>
    public string LastOutput => output.ToString();

    /// <summary>Starts the process and begins reading its output; it needs stdout and stderr redirected.</summary>
    public void Start()
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "Starting {Name}: {FileName} {Arguments}", Name, process.StartInfo.FileName, string.Join(' ', process.StartInfo.ArgumentList));
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

    /// <summary>Waits for the process to exit and for its output to be read to the end.</summary>
    public Task WaitForExitAsync(CancellationToken ct) => process.WaitForExitAsync(ct);

    /// <summary>From now on, logs a warning with the last output if the process exits with an error before it is disposed.</summary>
    public void WarnOnUnexpectedExit() => _ = WarnOnUnexpectedExitAsync();

    /// <summary>Stops the process with <see cref="ProcessStopper"/> unless it has exited, then releases it. Safe to call more than once.</summary>
    public ValueTask DisposeAsync()
    {
        lock (gate)
        {
            stopping ??= StopAsync();
            return new ValueTask(stopping);
        }
    }

    private async Task StopAsync()
    {
        await stopWatching.CancelAsync();
        try
        {
            if (!HasExited)
            {
                await ProcessStopper.StopAsync(process, Name, logger);
            }
        }
        finally
        {
            process.Dispose();
            stopWatching.Dispose();
        }
    }

    private void OnOutput(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            output.Add(line);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("{Name}: {Line}", Name, line);
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
        // Exit code 0 is a clean stop by someone else, e.g. Ctrl+C in the terminal, which signals the child too.
        lock (gate)
        {
            if (stopping is null && process.ExitCode != 0)
            {
                logger.LogWarning(
                    "{Name} exited unexpectedly with code {ExitCode}; last output:{NewLine}{Output}",
                    Name, process.ExitCode, Environment.NewLine, output);
            }
        }
    }
}
