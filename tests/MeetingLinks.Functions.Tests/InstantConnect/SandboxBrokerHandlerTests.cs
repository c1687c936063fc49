using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MeetingLinks.InstantConnect;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Tests.InstantConnect;

public sealed class SandboxBrokerHandlerTests
{
    private const string ValidBody = """
        {"aud":"a","jwt":{"sub":"space-1","exp":1767225600},"numHost":1,"numGuest":2,"provideShortUrls":true,"verticalType":"hc","loginUrlForHost":false}
        """;

    [Fact]
    public async Task Answers_the_documented_shape_with_fresh_7_character_codes()
    {
        using var invoker = Invoker();

        using var response = await invoker.SendAsync(Post(ValidBody), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("http://localhost:7071/api/sandbox/visit/", body["baseUrl"]!.GetValue<string>());
        var links = body["host"]!.AsArray().Concat(body["guest"]!.AsArray()).ToList();
        Assert.Equal(3, links.Count);
        Assert.All(links, link => Assert.Matches("^[A-Za-z0-9]{7}$", link!["short"]!.GetValue<string>()));
        Assert.All(links, link => Assert.False(string.IsNullOrEmpty(link!["cipher"]!.GetValue<string>())));
        Assert.Equal(3, links.Select(link => link!["short"]!.GetValue<string>()).Distinct().Count());
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
    [InlineData("not json", "JSON")]
    public async Task Rejects_a_body_that_breaks_the_contract_with_a_JSON_400(string body, string mentions)
    {
        using var invoker = Invoker();

        using var response = await invoker.SendAsync(Post(body), CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(mentions, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_a_request_without_a_bearer_token_or_to_the_wrong_place()
    {
        using var invoker = Invoker();
        var anonymous = Post(ValidBody);
        anonymous.Headers.Authorization = null;
        using var get = new HttpRequestMessage(HttpMethod.Get, "https://sandbox.test/api/v2/joseencrypt");
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "x");

        Assert.Equal(HttpStatusCode.Unauthorized, (await invoker.SendAsync(anonymous, CancellationToken.None)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await invoker.SendAsync(get, CancellationToken.None)).StatusCode);
    }

    [Fact]
    public async Task A_failure_rate_of_1_always_answers_the_failure_status()
    {
        using var invoker = Invoker(options: new SandboxOptions { FailureRate = 1, FailureStatusCode = 502 });

        using var response = await invoker.SendAsync(Post(ValidBody), CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    private static HttpMessageInvoker Invoker(SandboxOptions? options = null) =>
        new(new SandboxBrokerHandler(
            Options.Create(options ?? new SandboxOptions()),
            new TestClock(),
            NullLogger<SandboxBrokerHandler>.Instance));

    private static HttpRequestMessage Post(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://sandbox.test/api/v2/joseencrypt")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sandbox");
        return request;
    }
}
