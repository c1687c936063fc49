using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MeetingLinks.InstantConnect;

/// <summary>Calls the broker's <c>joseencrypt</c>; retries, timeouts and the breaker are the HttpClient's handler's.</summary>
internal sealed class InstantConnectClient(
    HttpClient http,
    IOptions<InstantConnectOptions> options,
    TimeProvider time,
    ILogger<InstantConnectClient> logger) : IInstantConnectClient
{
    public const string HttpClientName = "InstantConnect";

    private const string JsonMediaType = "application/json";

    private readonly InstantConnectOptions _options = options.Value;

    // Appending keeps any path prefix in BaseUrl.
    private readonly Uri _endpoint = new($"{options.Value.BaseUrl.AbsoluteUri.TrimEnd('/')}/api/v2/joseencrypt");

    public async Task<Outcome<MeetingLinkSet>> CreateLinksAsync(MeetingLinkRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(BuildBody(request), BrokerJsonContext.Default.BrokerRequest);

        // One message for all attempts: every retry resends the identical body, so the same sub yields the same space.
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.BearerToken);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));

        var started = time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the caller gave up; not a broker failure
        }
        catch (Exception exception) when (MapFailure(exception) is { } failure)
        {
            logger.LogWarning("Instant Connect broker call for sub {Sub} failed after {ElapsedMs} ms: {Reason} ({Exception})",
                request.Sub, (long)time.GetElapsedTime(started).TotalMilliseconds, failure.Detail, exception.GetType().Name);
            return failure;
        }

        using (response)
        {
            logger.Log(response.IsSuccessStatusCode ? LogLevel.Information : LogLevel.Warning,
                "Instant Connect broker answered {StatusCode} for sub {Sub} in {ElapsedMs} ms",
                (int)response.StatusCode, request.Sub, (long)time.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                return BrokerFailures.ForStatus(response, _options, time);
            }

            BrokerResponse? payload;
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                payload = await JsonSerializer.DeserializeAsync(stream, BrokerJsonContext.Default.BrokerResponse, cancellationToken);
            }
            catch (JsonException)
            {
                return BrokerFailures.Malformed("the body is not the expected JSON");
            }

            var links = BrokerLinks.Build(payload, request, _options);
            if (links.Failure is { } malformed)
            {
                logger.LogWarning("Instant Connect broker's answer for sub {Sub} is not usable: {Reason}", request.Sub, malformed.Detail);
            }

            return links;
        }
    }

    private BrokerRequest BuildBody(MeetingLinkRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Sub);
        ArgumentOutOfRangeException.ThrowIfNegative(request.Hosts);
        ArgumentOutOfRangeException.ThrowIfNegative(request.Guests);
        if (!VerticalTypes.IsKnown(request.VerticalType))
        {
            throw new ArgumentException($"VerticalType must be '{VerticalTypes.Healthcare}' or '{VerticalTypes.General}'.", nameof(request));
        }

        // "sip-no-knock": the devices join without knocking.
        var flow = request.Devices is { Count: > 0 } devices
            ? new BrokerFlow("sip-no-knock", [.. devices.Select(device => new BrokerFlowTarget(device))])
            : null;
        var jwt = new BrokerJwt(request.Sub, request.NotBefore?.ToUnixTimeSeconds(), request.ExpiresAt.ToUnixTimeSeconds(), flow);
        return new BrokerRequest(_options.Audience, jwt, request.Hosts, request.Guests, _options.ShortUrls, request.VerticalType, request.LoginUrlForHost);
    }

    private Failure? MapFailure(Exception exception) => exception switch
    {
        TimeoutRejectedException timeout when timeout.Timeout == _options.TotalTimeout => BrokerFailures.TotalTimeout(_options),
        TimeoutRejectedException => BrokerFailures.AttemptsTimedOut(_options),
        BrokenCircuitException open => BrokerFailures.CircuitOpen(open.RetryAfter),
        HttpRequestException transport => BrokerFailures.Transport(transport),

        // HttpClient's own backstop timeout (reading the body) surfaces as a cancellation nobody asked for.
        OperationCanceledException => BrokerFailures.TotalTimeout(_options),
        _ => null,
    };
}
