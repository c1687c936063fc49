using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using MeetingLinks.DevHost.Storage;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingLinks.Tests.DevHost.Storage;

public sealed class AzuriteProcessTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
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

    [Fact]
    public async Task Fixture_azurite_round_trips_a_queue_message()
    {
        var queue = new QueueClient(fixture.ConnectionString, "round-trip-" + Guid.NewGuid().ToString("N"));

        await queue.CreateAsync();
        await queue.SendMessageAsync("hello");
        var received = await queue.ReceiveMessageAsync();

        Assert.Equal("hello", received.Value.Body.ToString());
    }

    [Fact]
    public async Task Only_the_services_given_a_port_run_and_the_connection_string_names_only_them()
    {
        await using var azurite = await AzuriteProcess.StartAsync(
            new AzuriteStartOptions { QueuePort = 0, TablePort = null }, NullLogger.Instance, CancellationToken.None);

        Assert.Null(azurite.TablePort);
        Assert.Null(azurite.TableEndpoint);
        Assert.Equal($"http://127.0.0.1:{azurite.QueuePort}/devstoreaccount1", azurite.QueueEndpoint!.AbsoluteUri);
        Assert.Contains($"QueueEndpoint={azurite.QueueEndpoint.AbsoluteUri};", azurite.ConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain("TableEndpoint", azurite.ConnectionString, StringComparison.Ordinal);
        await new QueueServiceClient(azurite.ConnectionString).GetQueueClient("only-queues").CreateAsync();
    }

    [Fact]
    public async Task Start_without_any_service_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => AzuriteProcess.StartAsync(
            new AzuriteStartOptions { QueuePort = null, TablePort = null }, NullLogger.Instance, CancellationToken.None));

        Assert.Contains("port", error.Message, StringComparison.Ordinal);
    }

    // Graceful stop is SIGINT (the test suite runs on Linux, like CI and Azure).
    [Fact]
    public async Task Entity_and_message_written_just_before_a_graceful_stop_are_there_after_a_restart()
    {
        var location = Directory.CreateTempSubdirectory("azurite-test-");
        try
        {
            var options = new AzuriteStartOptions { QueuePort = 0, TablePort = 0, Location = location.FullName };
            var tableName = fixture.NewTableName();
            const string QueueName = "kept-messages";

            var first = await AzuriteProcess.StartAsync(options, NullLogger.Instance, CancellationToken.None);
            await using (first)
            {
                var table = new TableClient(first.ConnectionString, tableName);
                await table.CreateAsync();
                await table.AddEntityAsync(new TableEntity("pk", "rk") { ["Greeting"] = "kept" });
                var queue = new QueueClient(first.ConnectionString, QueueName);
                await queue.CreateAsync();
                await queue.SendMessageAsync("kept too");
            }

            Assert.False(AzuriteProcess.IsListening("127.0.0.1", first.TablePort!.Value, TcpPort.ProbeTimeout));
            Assert.False(AzuriteProcess.IsListening("127.0.0.1", first.QueuePort!.Value, TcpPort.ProbeTimeout));
            await first.DisposeAsync(); // a second dispose is a no-op

            await using var second = await AzuriteProcess.StartAsync(options, NullLogger.Instance, CancellationToken.None);
            var read = await new TableClient(second.ConnectionString, tableName).GetEntityAsync<TableEntity>("pk", "rk");
            Assert.Equal("kept", read.Value.GetString("Greeting"));
            var message = await new QueueClient(second.ConnectionString, QueueName).PeekMessageAsync();
            Assert.Equal("kept too", message.Value.Body.ToString());
        }
        finally
        {
            location.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_on_a_port_something_else_listens_on_fails_before_starting_anything()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AzuriteProcess.StartAsync(new AzuriteStartOptions { QueuePort = 0, TablePort = port }, NullLogger.Instance, CancellationToken.None));

        Assert.Contains("already listening", error.Message, StringComparison.Ordinal);
        Assert.Contains("table service", error.Message, StringComparison.Ordinal);
        Assert.Contains(port.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_fails_with_azurites_own_output_when_it_exits_before_listening()
    {
        // 192.0.2.1 (TEST-NET-1) is no address of this machine, so Azurite's listen() fails and it exits.
        var options = new AzuriteStartOptions { Host = "192.0.2.1", QueuePort = null, TablePort = TcpPort.PickFree("127.0.0.1") };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AzuriteProcess.StartAsync(options, NullLogger.Instance, CancellationToken.None));

        Assert.Contains("exited with code", error.Message, StringComparison.Ordinal);
        Assert.Contains("EADDRNOTAVAIL", error.Message, StringComparison.Ordinal);
    }
}
