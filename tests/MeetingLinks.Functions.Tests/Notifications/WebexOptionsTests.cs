using MeetingLinks.Hosting;
using MeetingLinks.InstantConnect;
using MeetingLinks.Notifications;
using MeetingLinks.Tests.InstantConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Tests.Notifications;

public sealed class WebexOptionsTests
{
    [Theory]
    [InlineData(HostingMode.LocalRun, null, null, null, true)] // out of the box: the sandbox's mailbox
    [InlineData(HostingMode.LocalRun, null, "https://webexapis.com", null, true)] // as local.settings.sample.json has it
    [InlineData(HostingMode.LocalRun, null, "http://127.0.0.1:9000", null, false)] // a stand-in of one's own gets them
    [InlineData(HostingMode.LocalRun, null, "http://127.0.0.1:9000", "true", true)]
    [InlineData(HostingMode.LocalRun, null, null, "false", false)]
    [InlineData(HostingMode.LocalRun, "token", null, null, false)] // a bot token: real Webex
    [InlineData(HostingMode.FunctionsHost, "token", null, null, false)]
    [InlineData(HostingMode.FunctionsHost, "token", null, "true", true)]
    public async Task The_messages_go_to_the_sandbox_with_the_sandbox_broker_unless_pointed_elsewhere(
        HostingMode mode, string? token, string? apiBaseUrl, string? sandbox, bool expected)
    {
        await using var host = Host(mode, new()
        {
            ["InstantConnect:BotToken"] = token,
            ["Webex:ApiBaseUrl"] = apiBaseUrl,
            ["Webex:Sandbox"] = sandbox,
        });

        var broker = host.Services.GetRequiredService<IOptions<InstantConnectOptions>>().Value;
        Assert.Equal(expected, host.Services.GetRequiredService<IOptions<WebexOptions>>().Value.UsesSandbox(broker));
    }

    [Theory]
    [InlineData(null, "Information: Webex messages: sandbox (GET /api/sandbox/messages shows them) ")]
    [InlineData("http://127.0.0.1:9000", "Information: Webex messages: http://127.0.0.1:9000/ ")]
    public async Task Start_up_says_where_the_messages_go(string? apiBaseUrl, string expected)
    {
        await using var host = Host(HostingMode.LocalRun, new() { ["Webex:ApiBaseUrl"] = apiBaseUrl });

        foreach (var service in host.Services.GetServices<IHostedService>().OfType<WebexMessagesAnnouncement>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        Assert.Contains(expected, host.Logs.Lines);
    }

    /// <summary>Settings given as null are left out, as when they are not set at all.</summary>
    private static BrokerTestHost Host(HostingMode mode, Dictionary<string, string?> settings)
        => BrokerTestHost.Create(settings.Where(s => s.Value is not null).ToDictionary(), mode, broker: null, services => services.AddNotifications());
}
