using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingLinks.InstantConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Tests.InstantConnect;

public sealed class InstantConnectClientRequestTests
{
    [Fact]
    public async Task Sends_one_POST_with_exact_headers_and_body()
    {
        await using var host = BrokerTestHost.WithBroker();
        var expiresAt = host.Clock.GetUtcNow() + TimeSpan.FromDays(1);

        await host.Client.CreateLinksAsync(BrokerTestHost.Request(expiresAt: expiresAt), CancellationToken.None);

        var call = Assert.Single(host.Broker!.Calls);
        Assert.Equal(HttpMethod.Post, call.Method);
        Assert.Equal(new Uri("https://broker.test/api/v2/joseencrypt"), call.Uri);
        Assert.Equal("application/json", call.ContentType);
        Assert.Equal("Bearer", call.Authorization?.Scheme);
        Assert.Equal(BrokerTestHost.BotToken, call.Authorization?.Parameter);
        Assert.Equal(call.Body.Length, call.ContentLength);
        Assert.Equal(
            "{\"aud\":\"a4d886b0-979f-4e2c-a958-3e8c14605e51\",\"jwt\":{\"sub\":\"space-0001\",\"exp\":" + expiresAt.ToUnixTimeSeconds() + "},"
            + "\"numHost\":1,\"numGuest\":1,\"provideShortUrls\":true,\"verticalType\":\"hc\",\"loginUrlForHost\":false}",
            call.Body);
    }

    [Fact]
    public async Task Body_uses_JSON_numbers_and_booleans_and_omits_nbf_and_flow_when_not_given()
    {
        await using var host = BrokerTestHost.WithBroker(new RecordingBroker().ThenOk(RecordingBroker.LinksBody(hosts: 2, guests: 3)));

        await host.Client.CreateLinksAsync(BrokerTestHost.Request(hosts: 2, guests: 3), CancellationToken.None);

        var body = JsonNode.Parse(Assert.Single(host.Broker!.Calls).Body)!.AsObject();
        var jwt = body["jwt"]!.AsObject();
        Assert.False(jwt.ContainsKey("nbf"));
        Assert.False(jwt.ContainsKey("flow"));
        Assert.Equal(JsonValueKind.Number, jwt["exp"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, jwt["sub"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, body["numHost"]!.GetValueKind());
        Assert.Equal(2, body["numHost"]!.GetValue<int>());
        Assert.Equal(3, body["numGuest"]!.GetValue<int>());
        Assert.Equal(JsonValueKind.True, body["provideShortUrls"]!.GetValueKind());
        Assert.Equal(JsonValueKind.False, body["loginUrlForHost"]!.GetValueKind());
    }

    [Fact]
    public async Task Sends_nbf_and_exp_from_the_caller_and_a_flow_for_devices()
    {
        await using var host = BrokerTestHost.WithBroker();
        var notBefore = host.Clock.GetUtcNow().AddHours(2);
        var expiresAt = notBefore + TimeSpan.FromDays(1);
        var request = BrokerTestHost.Request(notBefore: notBefore, expiresAt: expiresAt, devices: ["room-1@example.com", "room-2@example.com"]);

        await host.Client.CreateLinksAsync(request, CancellationToken.None);

        var jwt = JsonNode.Parse(Assert.Single(host.Broker!.Calls).Body)!["jwt"]!.AsObject();
        Assert.Equal(JsonValueKind.Number, jwt["nbf"]!.GetValueKind());
        Assert.Equal(notBefore.ToUnixTimeSeconds(), jwt["nbf"]!.GetValue<long>());
        Assert.Equal((notBefore + TimeSpan.FromDays(1)).ToUnixTimeSeconds(), jwt["exp"]!.GetValue<long>());
        Assert.Equal(
            """{"id":"sip-no-knock","data":[{"uri":"room-1@example.com"},{"uri":"room-2@example.com"}]}""",
            jwt["flow"]!.ToJsonString());
    }

    [Fact]
    public async Task Keeps_a_path_prefix_in_BaseUrl_and_sends_the_configured_audience_and_short_url_choice()
    {
        await using var host = BrokerTestHost.WithBroker(settings: new()
        {
            ["InstantConnect:BaseUrl"] = "https://gov-broker.test/prefix/",
            ["InstantConnect:Audience"] = "custom-audience",
            ["InstantConnect:ShortUrls"] = "false",
        });

        await host.Client.CreateLinksAsync(BrokerTestHost.Request(vertical: "gen"), CancellationToken.None);

        var call = Assert.Single(host.Broker!.Calls);
        Assert.Equal(new Uri("https://gov-broker.test/prefix/api/v2/joseencrypt"), call.Uri);
        var body = JsonNode.Parse(call.Body)!;
        Assert.Equal("custom-audience", body["aud"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.False, body["provideShortUrls"]!.GetValueKind());
        Assert.Equal("gen", body["verticalType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_never_appears_in_logs()
    {
        await using var host = BrokerTestHost.WithBroker();

        await host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None);

        Assert.Contains(host.Logs.Lines, line => line.Contains("answered 200 for sub space-0001", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(BrokerTestHost.BotToken, StringComparison.Ordinal));
    }
}
