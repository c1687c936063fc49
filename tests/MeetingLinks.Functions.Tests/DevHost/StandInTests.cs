using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MeetingLinks.DevHost.StandIns;

namespace MeetingLinks.Tests.DevHost;

/// <summary>The development host's stand-ins over HTTP, as the worker and a browser reach them.</summary>
public sealed class StandInTests : IAsyncLifetime
{
    private const string ValidBody = """
        {"aud":"a","jwt":{"sub":"space-1","exp":1767225600},"numHost":1,"numGuest":2,"provideShortUrls":true,"verticalType":"hc","loginUrlForHost":false}
        """;

    private StandInServer server = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        server = await StandInServer.StartAsync("http://127.0.0.1:0", broker: true, messages: true, connect: true, new StandInOptions(), CancellationToken.None);
        client = new HttpClient { BaseAddress = server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task The_broker_answers_the_documented_shape_with_fresh_7_character_codes_that_open_its_sandbox_page()
    {
        using var response = await client.SendAsync(Post(ValidBody));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(new Uri(server.BaseAddress, "visit/").AbsoluteUri, body["baseUrl"]!.GetValue<string>());
        var links = body["host"]!.AsArray().Concat(body["guest"]!.AsArray()).ToList();
        Assert.Equal(3, links.Count);
        Assert.All(links, link => Assert.Matches("^[A-Za-z0-9]{7}$", link!["short"]!.GetValue<string>()));
        Assert.All(links, link => Assert.False(string.IsNullOrEmpty(link!["cipher"]!.GetValue<string>())));
        Assert.Equal(3, links.Select(link => link!["short"]!.GetValue<string>()).Distinct().Count());

        var code = links[0]!["short"]!.GetValue<string>();
        using var page = await client.GetAsync(new Uri(body["baseUrl"]!.GetValue<string>() + code));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.True(page.Headers.CacheControl?.NoStore);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", string.Join(' ', page.Headers.GetValues("Content-Security-Policy")));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("not a real Webex meeting", html, StringComparison.Ordinal);
        Assert.Contains($"<code>{code}</code>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc-def")]
    [InlineData("%3Cscript%3E")]
    [InlineData("a23456789012345678901234567890123")]
    public async Task A_malformed_code_has_no_page(string code)
    {
        using var response = await client.GetAsync(new Uri($"visit/{code}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"aud":"a","jwt":{"sub":"s","exp":1},"numHost":"1","numGuest":1}""", "numHost")]
    [InlineData("""{"aud":"a","jwt":{"sub":"s","exp":"1"},"numHost":1,"numGuest":1}""", "jwt.exp")]
    [InlineData("""{"aud":"a","jwt":{"sub":"s","exp":1,"nbf":1.5},"numHost":1,"numGuest":1}""", "jwt.nbf")]
    [InlineData("""{"aud":"a","jwt":{"sub":"s p","exp":1},"numHost":1,"numGuest":1}""", "jwt.sub")]
    [InlineData("""{"jwt":{"sub":"s","exp":1},"numHost":1,"numGuest":1}""", "aud")]
    [InlineData("""{"aud":"a","jwt":{"sub":"s","exp":1},"numHost":0,"numGuest":0}""", "between 1 and 25")]
    [InlineData("""{"aud":"a","jwt":{"sub":"s","exp":1},"numHost":20,"numGuest":6}""", "between 1 and 25")]
    [InlineData("""{"aud":"a","jwt":{"sub":"s","exp":1},"numHost":1,"numGuest":1,"provideShortUrls":"true"}""", "provideShortUrls")]
    [InlineData("""{"aud":"a","jwt":{"sub":"s","exp":1},"numHost":1,"numGuest":1,"verticalType":"xx"}""", "verticalType")]
    [InlineData("""{"aud":"a","jwt":{"sub":"s","exp":1},"numHost":1,"numGuest":1,"verticalType":1}""", "verticalType")]
    [InlineData("not json", "JSON")]
    public async Task The_broker_rejects_a_body_that_breaks_the_contract_with_a_JSON_400(string body, string mentions)
    {
        using var response = await client.SendAsync(Post(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(mentions, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_broker_rejects_a_request_without_a_bearer_token_or_not_a_POST()
    {
        var anonymous = Post(ValidBody);
        anonymous.Headers.Authorization = null;
        using var get = new HttpRequestMessage(HttpMethod.Get, "api/v2/joseencrypt");
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "x");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.SendAsync(get)).StatusCode);
    }

    [Fact]
    public async Task A_failure_rate_of_1_always_answers_the_failure_status_after_the_latency()
    {
        await using var failing = await StandInServer.StartAsync(
            "http://127.0.0.1:0", broker: true, messages: false, connect: false,
            new StandInOptions { FailureRate = 1, FailureStatusCode = 502, Latency = TimeSpan.FromMilliseconds(200) }, CancellationToken.None);
        using var failingClient = new HttpClient { BaseAddress = failing.BaseAddress };
        var clock = Stopwatch.StartNew();

        using var response = await failingClient.SendAsync(Post(ValidBody));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(200), $"answered after {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.NotFound, (await failingClient.GetAsync(new Uri("messages", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_messages_api_keeps_what_it_accepts_and_refuses_what_webex_would()
    {
        var accepted = await client.SendAsync(Message("""{"toPersonEmail":"dr@clinic.example","markdown":"**hi**","text":"hi"}"""));
        var unknown = await client.SendAsync(Message("""{"toPersonEmail":"unknown@clinic.example","markdown":"m","text":"t"}"""));
        var twoRecipients = await client.SendAsync(Message("""{"toPersonEmail":"a@b.example","roomId":"r","markdown":"m","text":"t"}"""));
        var anonymous = Message("""{"toPersonEmail":"dr@clinic.example","markdown":"m","text":"t"}""");
        anonymous.Headers.Authorization = null;

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.StartsWith("sandbox-", JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, twoRecipients.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(anonymous)).StatusCode);
        var kept = Assert.Single(server.Webex.Messages);
        Assert.Equal("toPersonEmail dr@clinic.example", kept.To);
        var shown = JsonNode.Parse(await client.GetStringAsync(new Uri("messages", UriKind.Relative)))!.AsArray();
        Assert.Equal("hi", Assert.Single(shown)!["text"]!.GetValue<string>());
    }

    private static HttpRequestMessage Post(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v2/joseencrypt")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sandbox");
        return request;
    }

    private static HttpRequestMessage Message(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sandbox");
        return request;
    }
}
