using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace MeetingLinks.Tests.InstantConnect;

/// <summary>What the client actually put on the wire for one call.</summary>
internal sealed record RecordedCall(
    HttpMethod Method,
    Uri? Uri,
    string? ContentType,
    long? ContentLength,
    AuthenticationHeaderValue? Authorization,
    string Body);

/// <summary>A scripted broker used as the primary handler: records each request and answers from a queue of responders.</summary>
internal sealed class RecordingBroker : HttpMessageHandler
{
    public const string OkBody = """
        {"host":[{"cipher":"host+cipher/=","short":"oCVp2LD"}],"guest":[{"cipher":"guest+cipher/=","short":"ckmNR7I"}],"baseUrl":"https://instant.webex.com/visit/"}
        """;

    private readonly ConcurrentQueue<Func<CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly SemaphoreSlim _callArrived = new(0);

    /// <summary>Used once the script runs out.</summary>
    public Func<CancellationToken, Task<HttpResponseMessage>> Otherwise { get; set; } = _ => Task.FromResult(Json(HttpStatusCode.OK, OkBody));

    public IReadOnlyList<RecordedCall> Calls => [.. _calls];

    public RecordingBroker Then(HttpStatusCode status, string body = "{}", RetryConditionHeaderValue? retryAfter = null)
    {
        _script.Enqueue(_ =>
        {
            var response = Json(status, body);
            response.Headers.RetryAfter = retryAfter;
            return Task.FromResult(response);
        });
        return this;
    }

    public RecordingBroker ThenOk(string body = OkBody) => Then(HttpStatusCode.OK, body);

    /// <summary>A broker answer with the given number of links: ciphers "host-0", "guest-0"…, short codes "H0", "G0"….</summary>
    public static string LinksBody(int hosts, int guests, string? baseUrl = "https://instant.webex.com/visit/", bool withShortCodes = true)
    {
        JsonArray Entries(string role, string code, int count) => [.. Enumerable.Range(0, count).Select(i => new JsonObject
        {
            ["cipher"] = $"{role}-{i}",
            ["short"] = withShortCodes ? $"{code}{i}" : null,
        })];

        var body = new JsonObject { ["host"] = Entries("host", "H", hosts), ["guest"] = Entries("guest", "G", guests) };
        if (baseUrl is not null)
        {
            body["baseUrl"] = baseUrl;
        }

        return body.ToJsonString();
    }

    public static async Task<HttpResponseMessage> Hang(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Waits (without touching time) until at least <paramref name="count"/> calls have arrived.</summary>
    public async Task WaitForCallsAsync(int count)
    {
        while (_calls.Count < count)
        {
            await _callArrived.WaitAsync(TestClock.Safety);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync(cancellationToken));
        _calls.Enqueue(new RecordedCall(
            request.Method,
            request.RequestUri,
            request.Content?.Headers.ContentType?.ToString(),
            request.Content?.Headers.ContentLength,
            request.Headers.Authorization,
            body));
        _callArrived.Release();

        var respond = _script.TryDequeue(out var next) ? next : Otherwise;
        return await respond(cancellationToken);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
