using MeetingLinks.InstantConnect;
using MeetingLinks.Outcomes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MeetingLinks.Tests.InstantConnect;

public sealed class InstantConnectRegistrationTests
{
    [Fact]
    public async Task Start_up_names_the_real_broker_without_the_token()
    {
        await using var host = BrokerTestHost.WithBroker();

        await StartHostedServicesAsync(host);

        Assert.Contains(host.Logs.Lines, line => line.StartsWith("Information: Instant Connect broker: https://broker.test/", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(BrokerTestHost.BotToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Registers_one_typed_client()
    {
        await using var host = BrokerTestHost.WithBroker();

        var links = (await host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None)).Links();

        Assert.IsType<InstantConnectClient>(host.Client);
        Assert.Single(links.Hosts);
        Assert.Single(links.Guests);
    }

    private static async Task StartHostedServicesAsync(BrokerTestHost host)
    {
        foreach (var service in host.Services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }
    }
}
