using System.Net;
using System.Net.Sockets;
using MeetingLinks.DevHost.Storage;

namespace MeetingLinks.Tests.DevHost.Storage;

public sealed class TcpPortTests
{
    [Theory]
    [InlineData("0.0.0.0", "127.0.0.1")]
    [InlineData("::", "127.0.0.1")]
    [InlineData("[::]", "127.0.0.1")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("localhost", "localhost")]
    [InlineData("192.0.2.1", "192.0.2.1")]
    public void Connect_host_is_loopback_for_a_wildcard_and_the_listen_host_otherwise(string listenHost, string expected) =>
        Assert.Equal(expected, TcpPort.ConnectHost(listenHost));

    [Fact]
    public void Picked_port_is_one_nothing_listens_on_and_that_can_be_taken()
    {
        var port = TcpPort.PickFree("127.0.0.1");

        Assert.InRange(port, 1, IPEndPoint.MaxPort);
        Assert.False(TcpPort.IsListening("127.0.0.1", port, TcpPort.ProbeTimeout));
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
    }

    [Fact]
    public void Probe_sees_a_listener_until_it_stops()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
            Assert.True(TcpPort.IsListening("127.0.0.1", port, TcpPort.ProbeTimeout));
        }

        Assert.False(TcpPort.IsListening("127.0.0.1", port, TcpPort.ProbeTimeout));
    }

    [Fact]
    public async Task Probe_of_an_address_that_never_answers_is_false_not_an_error()
    {
        // 192.0.2.1 (TEST-NET-1) is routed nowhere: the connect is refused, unreachable or times out.
        Assert.False(await TcpPort.ProbeAsync("192.0.2.1", 9, TcpPort.ProbeTimeout, CancellationToken.None));
    }

    [Fact]
    public async Task Probe_passes_on_the_callers_cancellation()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TcpPort.ProbeAsync("127.0.0.1", port, TcpPort.ProbeTimeout, new CancellationToken(canceled: true)));
    }
}
