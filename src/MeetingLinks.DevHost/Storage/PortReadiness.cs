using System.Diagnostics;

namespace MeetingLinks.DevHost.Storage;

/// <summary>Waits for a server that was just started as a child process to accept connections on its port.</summary>
internal static class PortReadiness
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Returns once <paramref name="host"/>:<paramref name="port"/> accepts connections. Fails, with the server's last
    /// output, if it exits first or once <paramref name="clock"/> passes <paramref name="timeout"/>.
    /// </summary>
    public static async Task WaitAsync(
        ChildProcess server, string host, int port, Stopwatch clock, TimeSpan timeout, CancellationToken ct)
    {
        while (!await TcpPort.ProbeAsync(host, port, TcpPort.ProbeTimeout, ct))
        {
            if (server.HasExited)
            {
                await server.WaitForExitAsync(ct); // lets the output readers reach the end
                throw new InvalidOperationException(
                    $"{server.Name} exited with code {server.ExitCode} before listening on {host}:{port}. " +
                    $"Last output:{Environment.NewLine}{server.LastOutput}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"{server.Name} did not listen on {host}:{port} within {timeout}. Last output:{Environment.NewLine}{server.LastOutput}");
            }

            await Task.Delay(PollInterval, ct);
        }
    }
}
