using MeetingLinks.InstantConnect;
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
    public async Task Start_up_says_when_the_sandbox_answers()
    {
        await using var host = BrokerTestHost.WithSandbox(new() { ["Sandbox:VisitBaseUrl"] = "http://localhost:5123/api/sandbox/visit/" });

        await StartHostedServicesAsync(host);

        Assert.Contains(
            "Information: Instant Connect broker: sandbox (links under http://localhost:5123/api/sandbox/visit/) ",
            host.Logs.Lines);
    }

    [Fact]
    public async Task Start_up_warns_when_a_broker_is_set_but_the_sandbox_answers_for_want_of_a_token()
    {
        await using var quiet = BrokerTestHost.WithSandbox();
        await using var pointed = BrokerTestHost.WithSandbox(new() { ["InstantConnect:BaseUrl"] = "http://127.0.0.1:9000" });

        await StartHostedServicesAsync(quiet);
        await StartHostedServicesAsync(pointed);

        Assert.DoesNotContain(quiet.Logs.Lines, line => line.StartsWith("Warning:", StringComparison.Ordinal));
        Assert.Contains(
            "Warning: InstantConnect__BaseUrl is set to http://127.0.0.1:9000/, but the sandbox broker answers instead; set InstantConnect__BotToken (or InstantConnect__Sandbox=false) to call it ",
            pointed.Logs.Lines);
    }

    [Fact]
    public async Task Registers_one_typed_client_over_the_sandbox_broker()
    {
        await using var host = BrokerTestHost.WithSandbox();

        var links = await host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None);

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
