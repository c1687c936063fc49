using MeetingLinks.Experts;
using MeetingLinks.Notifications;
using MeetingLinks.Webex;
using MeetingLinks.Tests.InstantConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Tests.Notifications;

public sealed class WebexOptionsTests
{
    [Fact]
    public async Task The_messages_go_to_webexs_public_api_unless_another_is_set()
    {
        await using var plain = Host(new());
        await using var pointed = Host(new() { ["Webex:ApiBaseUrl"] = "http://127.0.0.1:9000" });

        Assert.Equal(new Uri("https://webexapis.com"), plain.Services.GetRequiredService<IOptions<WebexOptions>>().Value.ApiBaseUrl);
        Assert.Equal(new Uri("http://127.0.0.1:9000"), pointed.Services.GetRequiredService<IOptions<WebexOptions>>().Value.ApiBaseUrl);
    }

    [Fact]
    public async Task An_empty_connect_url_as_bicep_writes_it_sends_the_flow_nothing()
    {
        await using var host = Host(new() { ["Connect:EventsUrl"] = "", ["Connect:ServiceKey"] = "" });

        var connect = host.Services.GetRequiredService<IOptions<MeetingLinks.Connect.ConnectOptions>>().Value;
        Assert.Equal((null, ""), (connect.EventsUrl, connect.ServiceKey));
    }

    [Theory]
    [InlineData("Webex:RequestTimeout", "00:05:00", "Webex__RequestTimeout")]
    [InlineData("Notifications:RetryWindow", "00:00:10", "Notifications__RetryWindow")]
    [InlineData("Notifications:RetryBackOff", "00:02:00", "Notifications__RetryBackOff")]
    [InlineData("Connect:RetryWindow", "00:00:10", "Connect__RetryWindow")]
    public async Task Out_of_range_settings_fail_naming_the_setting(string key, string value, string named)
    {
        await using var host = Host(new() { [key] = value });

        var failure = Assert.ThrowsAny<Exception>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    private static BrokerTestHost Host(Dictionary<string, string?> settings)
        => BrokerTestHost.WithBroker(settings: settings, configure: services => services.AddExperts());
}
