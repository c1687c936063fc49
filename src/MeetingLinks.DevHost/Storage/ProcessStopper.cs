using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.DevHost.Storage;

/// <summary>Stops a running child process: SIGINT, up to 5 s for it to exit, then kill its process tree.</summary>
/// <remarks>
/// SIGINT, not SIGTERM, because some servers save their data only on SIGINT (see <see cref="AzuriteProcess"/>).
/// Windows has no such signal for a child process: there it is killed outright.
/// </remarks>
internal static class ProcessStopper
{
    /// <summary>How long the process gets to exit after SIGINT, and again after the kill.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <param name="name">What to call the process in warnings, e.g. "Azurite".</param>
    public static async Task StopAsync(Process process, string name, ILogger logger)
    {
        if (!OperatingSystem.IsWindows() && await TrySendInterruptAsync(process, name, logger))
        {
            using var grace = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(grace.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                logger.LogWarning("{Name} did not exit within {Timeout} of SIGINT; killing it", name, Timeout);
            }
        }

        KillTree(process, name, logger);
    }

    // Started with `kill` rather than a libc P/Invoke: no native signatures to get right, and stopping is rare.
    private static async Task<bool> TrySendInterruptAsync(Process process, string name, ILogger logger)
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
            logger.LogWarning(ex, "Could not send SIGINT to {Name}; killing it instead", name);
            return false;
        }
    }

    private static void KillTree(Process process, string name, ILogger logger)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            if (!process.WaitForExit(Timeout))
            {
                logger.LogWarning("{Name} (pid {ProcessId}) did not exit after being killed", name, process.Id);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }
    }
}
