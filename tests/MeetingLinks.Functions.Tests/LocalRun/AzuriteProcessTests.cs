using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using MeetingLinks.LocalRun;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingLinks.Tests.LocalRun;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class AzuriteProcessTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task Fixture_azurite_round_trips_an_entity()
    {
        var table = new TableClient(fixture.ConnectionString, fixture.NewTableName());

        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("pk", "rk") { ["Greeting"] = "hello" });
        var read = await table.GetEntityAsync<TableEntity>("pk", "rk");

        Assert.Equal("hello", read.Value.GetString("Greeting"));
    }

    // Graceful stop is SIGINT (the test suite runs on Linux, like CI and Azure).
    [Fact]
    public async Task Entity_written_just_before_a_graceful_stop_is_there_after_a_restart()
    {
        var location = Directory.CreateTempSubdirectory("azurite-test-");
        try
        {
            var options = new AzuriteStartOptions { TablePort = 0, Location = location.FullName };
            var tableName = fixture.NewTableName();

            var first = await AzuriteProcess.StartAsync(options, NullLogger.Instance, CancellationToken.None);
            await using (first)
            {
                var table = new TableClient(first.ConnectionString, tableName);
                await table.CreateAsync();
                await table.AddEntityAsync(new TableEntity("pk", "rk") { ["Greeting"] = "kept" });
            }

            Assert.False(AzuriteProcess.IsListening("127.0.0.1", first.TablePort, TcpPort.ProbeTimeout));
            await first.DisposeAsync(); // a second dispose is a no-op

            await using var second = await AzuriteProcess.StartAsync(options, NullLogger.Instance, CancellationToken.None);
            var read = await new TableClient(second.ConnectionString, tableName).GetEntityAsync<TableEntity>("pk", "rk");
            Assert.Equal("kept", read.Value.GetString("Greeting"));
        }
        finally
        {
            location.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_on_a_port_something_else_listens_on_fails_at_once()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AzuriteProcess.StartAsync(new AzuriteStartOptions { TablePort = port }, NullLogger.Instance, CancellationToken.None));

        Assert.Contains("already listening", error.Message, StringComparison.Ordinal);
        Assert.Contains(port.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Start_fails_with_azurites_own_output_when_it_exits_before_listening()
    {
        // 192.0.2.1 (TEST-NET-1) is no address of this machine, so Azurite's listen() fails and it exits.
        var options = new AzuriteStartOptions { Host = "192.0.2.1", TablePort = TcpPort.PickFree("127.0.0.1") };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AzuriteProcess.StartAsync(options, NullLogger.Instance, CancellationToken.None));

        Assert.Contains("exited with code", error.Message, StringComparison.Ordinal);
        Assert.Contains("EADDRNOTAVAIL", error.Message, StringComparison.Ordinal);
    }
}
