using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MeetingLinks.DevHost.StandIns;

/// <summary>
/// The Instant Connect broker's <c>POST /api/v2/joseencrypt</c>, as its documented contract implies: checks the request
/// (<see cref="BrokerContract"/>) and answers the documented shape with fresh 7-character short codes whose links open
/// the stand-in's own sandbox page. The app's production broker client calls it like the real broker.
/// </summary>
internal sealed class BrokerStandIn(StandInOptions options, Func<Uri> visitBaseUrl)
{
    private const string ShortCodeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int ShortCodeLength = 7;

    // Looks like a compact JWE header; says plainly what it is when decoded.
    private static readonly string FakeJweHeader = Base64Url.EncodeToString("""{"alg":"dir","enc":"A256GCM","sandbox":true}"""u8);

    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        if (await Mishap.DelayThenFailsAsync(options.Latency, options.FailureRate, request.HttpContext.RequestAborted))
        {
            return Error(options.FailureStatusCode, "Sandbox: injected failure (Sandbox__FailureRate).");
        }

        if (BrokerContract.CheckHeaders(request) is { } refusal)
        {
            return Error(refusal.Status, refusal.Problem);
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        if (BrokerContract.CheckBody(body.ToArray(), out var problem) is not { } ask)
        {
            return Error(StatusCodes.Status400BadRequest, problem!);
        }

        return Results.Text(new JsonObject
        {
            ["host"] = Links(ask.Hosts, ask.ShortUrls),
            ["guest"] = Links(ask.Guests, ask.ShortUrls),
            ["baseUrl"] = visitBaseUrl().AbsoluteUri,
        }.ToJsonString(), "application/json");
    }

    private static IResult Error(int status, string message)
        => Results.Text(new JsonObject { ["error"] = message }.ToJsonString(), "application/json", statusCode: status);

    private static JsonArray Links(int count, bool shortUrls)
        => [.. Enumerable.Range(0, count).Select(_ => (JsonNode)new JsonObject
        {
            ["cipher"] = FakeCipher(),
            ["short"] = shortUrls ? RandomNumberGenerator.GetString(ShortCodeAlphabet, ShortCodeLength) : null,
        })];

    private static string FakeCipher()
    {
        static string Part(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("sandbox-" + Part(24)));
        return $"{FakeJweHeader}..{Part(12)}.{payload}.{Part(16)}";
    }
}
