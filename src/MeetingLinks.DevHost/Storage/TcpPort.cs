using System.Net;
using System.Net.Sockets;

namespace MeetingLinks.DevHost.Storage;

/// <summary>Picking and probing TCP ports of a local server.</summary>
internal static class TcpPort
{
    /// <summary>How long one probe of a local port waits for the connection to be accepted.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The host to connect to for a server listening on <paramref name="listenHost"/>. A wildcard address means
    /// "every interface" to the server, not a place to connect to, so loopback stands in for it.
    /// </summary>
    public static string ConnectHost(string listenHost) =>
        listenHost is "0.0.0.0" or "::" or "[::]" ? "127.0.0.1" : listenHost;

    /// <summary>A port that is free right now, as the system assigns it on <paramref name="host"/> (loopback unless an IP address).</summary>
    public static int PickFree(string host)
    {
        using var listener = new TcpListener(IPAddress.TryParse(host, out var address) ? address : IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether something accepts TCP connections on <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static bool IsListening(string host, int port, TimeSpan timeout) =>
        ProbeAsync(host, port, timeout, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Whether a connection to <paramref name="host"/>:<paramref name="port"/> is accepted within
    /// <paramref name="timeout"/>; throws only when <paramref name="ct"/> is cancelled.
    /// </summary>
    public static async Task<bool> ProbeAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, attempt.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false; // this attempt timed out, not the caller
        }
    }
}
