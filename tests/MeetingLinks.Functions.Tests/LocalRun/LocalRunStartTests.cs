using System.Net;
using System.Net.Sockets;
using MeetingLinks.LocalRun;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.LocalRun;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class LocalRunStartTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task An_address_another_program_holds_is_a_start_up_error_that_says_what_to_do()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;

        var failure = await Assert.ThrowsAsync<LocalRunStartupException>(
            () => LocalRunAppHost.StartAsync(AppHostSettings.With(azurite, null), output.WriteLine, urls: $"http://127.0.0.1:{port}"));

        Assert.Contains($"http://127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--urls", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }
}
