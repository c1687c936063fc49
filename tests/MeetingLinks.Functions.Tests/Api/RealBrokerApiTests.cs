using System.Net;
using System.Text.Json;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Api;

/// <summary>The broker at InstantConnect__BaseUrl gets exactly the documented request.</summary>
public sealed class RealBrokerApiTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    [Fact]
    public async Task The_broker_receives_the_documented_request_with_json_types()
    {
        var (app, broker) = await FakeBrokerAppAsync();

        var response = await app.PostAsync("/api/meetings", """{"guests":2,"customer":{"phone":"+15551234567"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(broker.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v2/joseencrypt", request.Path);
        Assert.Equal("Bearer " + TestSecrets.BotToken, request.Authorization);
        Assert.Equal("application/json", request.ContentType);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("a4d886b0-979f-4e2c-a958-3e8c14605e51", root.GetProperty("aud").GetString());
        var jwt = root.GetProperty("jwt");
        Assert.Matches("^[A-Za-z0-9-]+$", jwt.GetProperty("sub").GetString()!);
        Assert.Equal(JsonValueKind.Number, jwt.GetProperty("exp").ValueKind);
        Assert.InRange(jwt.GetProperty("exp").GetInt64() - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 86_300, 86_400);
        Assert.False(jwt.TryGetProperty("nbf", out _));
        Assert.False(jwt.TryGetProperty("flow", out _));
        Assert.Equal(1, root.GetProperty("numHost").GetInt32());
        Assert.Equal(2, root.GetProperty("numGuest").GetInt32());
        Assert.Equal(JsonValueKind.True, root.GetProperty("provideShortUrls").ValueKind);
        Assert.Equal("hc", root.GetProperty("verticalType").GetString());
        Assert.Equal(JsonValueKind.False, root.GetProperty("loginUrlForHost").ValueKind);

        var created = await response.ReadJsonAsync();
        Assert.Equal(FakeBroker.BaseUrl + "G001000", created.GetProperty("guestUrl").GetString());
        Assert.Equal("G001000", created.GetProperty("guestSuffix").GetString());
        Assert.Equal(FakeBroker.BaseUrl, created.GetProperty("baseUrl").GetString());
        Assert.Equal(jwt.GetProperty("sub").GetString(), created.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Devices_and_a_start_time_reach_the_broker_as_flow_and_nbf()
    {
        var (app, broker) = await FakeBrokerAppAsync();
        var start = DateTimeOffset.UtcNow.AddHours(1);

        await app.PostAsync("/api/meetings", new
        {
            validFrom = start.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            devices = new[] { "room@example.webex.com" },
            verticalType = "gen",
            loginUrlForHost = true,
        });

        using var body = JsonDocument.Parse(Assert.Single(broker.Requests).Body);
        var jwt = body.RootElement.GetProperty("jwt");
        Assert.Equal(start.ToUnixTimeSeconds(), jwt.GetProperty("nbf").GetInt64());
        Assert.Equal(start.ToUnixTimeSeconds() + 86_400, jwt.GetProperty("exp").GetInt64());
        Assert.Equal("sip-no-knock", jwt.GetProperty("flow").GetProperty("id").GetString());
        Assert.Equal("room@example.webex.com", jwt.GetProperty("flow").GetProperty("data")[0].GetProperty("uri").GetString());
        Assert.Equal("gen", body.RootElement.GetProperty("verticalType").GetString());
        Assert.Equal(JsonValueKind.True, body.RootElement.GetProperty("loginUrlForHost").ValueKind);
    }

    [Fact]
    public async Task A_503_and_a_429_with_retry_after_are_retried_with_the_same_sub()
    {
        var (app, broker) = await FakeBrokerAppAsync();
        broker.Next(503);
        broker.Next(429, retryAfter: "1");

        var response = await app.PostAsync("/api/meetings", "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var subs = broker.Requests.Select(r => r.Sub).ToList();
        Assert.Equal(3, subs.Count);
        Assert.Single(subs.Distinct());
    }

    [Fact]
    public async Task Broker_401_and_403_are_not_retried_and_never_echo_the_token()
    {
        var (app, broker) = await FakeBrokerAppAsync();
        broker.Next(401);
        broker.Next(403);

        var unauthorized = await app.PostAsync("/api/meetings", "{}");
        var forbidden = await app.PostAsync("/api/meetings", "{}");

        await unauthorized.AssertProblemAsync(502, "upstream_rejected");
        await forbidden.AssertProblemAsync(502, "upstream_rejected");
        Assert.Equal(2, broker.Requests.Count);
        foreach (var text in new[] { await unauthorized.Content.ReadAsStringAsync(), await forbidden.Content.ReadAsStringAsync(), app.LogText })
        {
            AppSecrets.AssertNoneIn(text, Azurite);
        }
    }

    [Fact]
    public async Task An_unreachable_broker_is_a_503()
    {
        var app = await SharedAppAsync("unreachable-broker", new Dictionary<string, string?> { ["InstantConnect:BaseUrl"] = "http://127.0.0.1:9" });

        var response = await app.PostAsync("/api/meetings", "{}");

        await response.AssertProblemAsync(503, "upstream_unavailable");
    }
}
