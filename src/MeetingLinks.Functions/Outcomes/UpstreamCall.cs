using System.Net.Http.Json;

namespace MeetingLinks.Outcomes;

/// <summary>What the clients of the broker, Webex and Connect say alike about one attempt at their APIs.</summary>
internal static class UpstreamCall
{
    /// <summary>
    /// The typed <see cref="HttpClient"/> of a JSON API called one attempt at a time: its timeout from the client's
    /// settings, and redirects not followed (a redirect would take the bearer token or signature elsewhere).
    /// </summary>
    public static IServiceCollection AddUpstreamClient<TClient, TOptions>(this IServiceCollection services, Func<TOptions, TimeSpan> timeout)
        where TClient : class
        where TOptions : class
    {
        services.AddHttpClient<TClient>((provider, http) => http.Timeout = timeout(provider.GetRequiredService<IOptions<TOptions>>().Value))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }

    /// <summary>The answer, or the failure of getting none within <paramref name="timeout"/>.</summary>
    public static async Task<Outcome<HttpResponseMessage>> SendAsync(
        HttpClient http, HttpRequestMessage request, string service, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable(service, $"{service} did not answer within {timeout.TotalSeconds:0.#} s.", null);
        }
        catch (HttpRequestException ex)
        {
            return Unavailable(service, $"{service} could not be reached ({ex.HttpRequestError}).", null);
        }
    }

    /// <summary>408, 429 and 5xx: the far end may well answer another attempt.</summary>
    public static bool IsWorthRetrying(int status) => status is 408 or 429 || status >= 500;

    /// <summary><c>Retry-After</c> in either form; dates by the injected clock (tests fake it), a past one meaning now.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    public static Failure Unavailable(string service, string reason, TimeSpan? retryAfter)
        => new(FailureKind.Unavailable, ProblemCodes.UpstreamUnavailable, $"{service} is unavailable", reason, retryAfter);

    /// <summary>The body, or null when it cannot be read.</summary>
    public static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
