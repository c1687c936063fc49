using System.Diagnostics;
using System.Globalization;
using MeetingLinks.DevHost.Storage;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingLinks.Tests.DevHost.Storage;

public sealed class PortReadinessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly int port = TcpPort.PickFree("127.0.0.1");

    [Fact]
    public async Task Returns_once_the_server_listens()
    {
        await using var server = Start("require('net').createServer().listen(+process.env.PORT, '127.0.0.1');");

        await PortReadiness.WaitAsync(server, "127.0.0.1", port, Stopwatch.StartNew(), Patience, CancellationToken.None);

        Assert.True(TcpPort.IsListening("127.0.0.1", port, TcpPort.ProbeTimeout));
    }

    [Fact]
    public async Task Fails_with_the_exit_code_and_last_output_when_the_server_exits_first()
    {
        await using var server = Start("console.error('cannot bind'); process.exit(2);");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PortReadiness.WaitAsync(server, "127.0.0.1", port, Stopwatch.StartNew(), Patience, CancellationToken.None));

        Assert.Contains($"node exited with code 2 before listening on 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot bind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Times_out_when_the_server_runs_but_never_listens()
    {
        await using var server = Start("setInterval(() => {}, 1000);");

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            PortReadiness.WaitAsync(server, "127.0.0.1", port, Stopwatch.StartNew(), TimeSpan.FromMilliseconds(300), CancellationToken.None));

        Assert.Contains($"node did not listen on 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    private ChildProcess Start(string script)
    {
        var startInfo = NodeScript.StartInfo(script);
        startInfo.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        var server = new ChildProcess(startInfo, "node", NullLogger.Instance);
        server.Start();
        return server;
    }
}
