using System.Net;
using MeetingLinks.InstantConnect;
using MeetingLinks.Outcomes;

namespace MeetingLinks.Tests.InstantConnect;

public sealed class InstantConnectClientLinkTests
{
    [Theory]
    [InlineData("https://instant.webex.com/visit/")]
    [InlineData("https://instant.webex.com/visit")]
    public async Task Short_links_join_the_response_baseUrl_and_code_with_one_slash(string baseUrl)
    {
        await using var host = BrokerTestHost.WithBroker(new RecordingBroker().ThenOk(RecordingBroker.LinksBody(1, 2, baseUrl)));

        var links = (await host.Client.CreateLinksAsync(BrokerTestHost.Request(hosts: 1, guests: 2), CancellationToken.None)).Links();

        Assert.Equal(new MeetingLink("https://instant.webex.com/visit/H0", "H0"), Assert.Single(links.Hosts));
        Assert.Equal(["https://instant.webex.com/visit/G0", "https://instant.webex.com/visit/G1"], links.Guests.Select(link => link.Url));
        Assert.Equal(baseUrl, links.BaseUrl);
    }

    [Fact]
    public async Task The_documented_response_gives_the_documented_short_links()
    {
        await using var host = BrokerTestHost.WithBroker();

        var links = (await host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None)).Links();

        Assert.Equal("https://instant.webex.com/visit/oCVp2LD", Assert.Single(links.Hosts).Url);
        Assert.Equal("https://instant.webex.com/visit/ckmNR7I", Assert.Single(links.Guests).Url);
    }

    [Theory]
    [InlineData("hc")]
    [InlineData("gen")]
    public async Task With_short_urls_off_links_are_long_and_url_encode_the_cipher(string vertical)
    {
        var broker = new RecordingBroker().ThenOk(RecordingBroker.OkBody);
        await using var host = BrokerTestHost.WithBroker(broker, new() { ["InstantConnect:ShortUrls"] = "false" });

        var links = (await host.Client.CreateLinksAsync(BrokerTestHost.Request(vertical: vertical), CancellationToken.None)).Links();

        Assert.Equal(new MeetingLink($"https://instant.webex.com/{vertical}/v1/login?int=jose&v=1&data=host%2Bcipher%2F%3D", null), Assert.Single(links.Hosts));
        Assert.Equal(new MeetingLink($"https://instant.webex.com/{vertical}/v1/talk?int=jose&v=1&data=guest%2Bcipher%2F%3D", null), Assert.Single(links.Guests));
        Assert.Null(links.BaseUrl);
    }

    [Fact]
    public async Task Without_short_codes_in_the_response_links_are_long_under_LinkBaseUrl()
    {
        var broker = new RecordingBroker().ThenOk(RecordingBroker.LinksBody(1, 1, baseUrl: null, withShortCodes: false));
        await using var host = BrokerTestHost.WithBroker(broker, new() { ["InstantConnect:LinkBaseUrl"] = "https://links.example/" });

        var links = (await host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None)).Links();

        Assert.Equal("https://links.example/hc/v1/login?int=jose&v=1&data=host-0", Assert.Single(links.Hosts).Url);
        Assert.Equal("https://links.example/hc/v1/talk?int=jose&v=1&data=guest-0", Assert.Single(links.Guests).Url);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"guest":[{"cipher":"g","short":"b"}],"baseUrl":"https://x.test/"}""")]
    [InlineData("""{"host":[],"guest":[{"cipher":"g","short":"b"}],"baseUrl":"https://x.test/"}""")]
    [InlineData("""{"host":[{"short":"a"}],"guest":[{"cipher":"g","short":"b"}],"baseUrl":"https://x.test/"}""")]
    [InlineData("""{"host":[{"cipher":"h","short":"a"}],"guest":[{"cipher":"g","short":"b"}]}""")]
    [InlineData("""{"host":"nope","guest":[]}""")]
    public async Task A_malformed_response_is_Unavailable(string body)
    {
        await using var host = BrokerTestHost.WithBroker(new RecordingBroker().Then(HttpStatusCode.OK, body));

        var failure = await BrokerOutcomes.FailureOfAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None));

        Assert.Equal(FailureKind.Unavailable, failure.Kind);
        Assert.StartsWith("The Instant Connect broker answered with an unexpected response", failure.Detail, StringComparison.Ordinal);
        Assert.Single(host.Broker!.Calls);
    }
}
