using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingLinks.InstantConnect;

/// <summary>
/// A stand-in for the Webex broker at the transport level: the broker HttpClient's primary handler when the sandbox is on,
/// so request building, JSON, headers, resilience and link building all run the production path.
/// </summary>
public sealed class SandboxBrokerHandler(
    IOptions<SandboxOptions> options,
    TimeProvider time,
    ILogger<SandboxBrokerHandler> logger) : HttpMessageHandler
{
    private const string ShortCodeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int ShortCodeLength = 7;

    // Looks like a compact JWE header; says plainly what it is when decoded.
    private static readonly string FakeJweHeader = Base64Url.EncodeToString("""{"alg":"dir","enc":"A256GCM","sandbox":true}"""u8);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (await SandboxMishap.DelayThenFailsAsync(settings.Latency, settings.FailureRate, time, cancellationToken))
        {
            return SandboxBrokerContract.Error((HttpStatusCode)settings.FailureStatusCode, "Sandbox: injected failure (Sandbox__FailureRate).");
        }

        if (SandboxBrokerContract.CheckEnvelope(request) is { } refusal)
        {
            return refusal;
        }

        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        if (SandboxBrokerContract.CheckBody(body, out var problem) is not { } ask)
        {
            logger.LogInformation("Sandbox broker: rejected a request: {Problem}", problem);
            return SandboxBrokerContract.Error(HttpStatusCode.BadRequest, problem!);
        }

        var answer = new BrokerResponse(Links(ask.Hosts, ask.ShortUrls), Links(ask.Guests, ask.ShortUrls), settings.VisitBaseUrl.AbsoluteUri);
        return SandboxBrokerContract.Json(HttpStatusCode.OK, JsonSerializer.SerializeToUtf8Bytes(answer, BrokerJsonContext.Default.BrokerResponse));
    }

    private static BrokerLink[] Links(int count, bool shortUrls) =>
        [.. Enumerable.Range(0, count).Select(_ => new BrokerLink(FakeCipher(), shortUrls ? NewShortCode() : null))];

    private static string NewShortCode() => RandomNumberGenerator.GetString(ShortCodeAlphabet, ShortCodeLength);

    private static string FakeCipher()
    {
        string Part(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("sandbox-" + Part(24)));
        return $"{FakeJweHeader}..{Part(12)}.{payload}.{Part(16)}";
    }
}
