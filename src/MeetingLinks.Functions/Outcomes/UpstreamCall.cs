using System.Net.Http.Json;

namespace MeetingLinks.Outcomes;

/// <summary>
/// What Webex's and Connect's clients say alike about one attempt at their JSON APIs: no answer and 408, 429 or 5xx are
/// <see cref="FailureKind.Unavailable"/> (worth trying again), and a body that cannot be read is null.
/// </summary>
internal static class UpstreamCall
{
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

    /// <summary>408, 429 and 5xx: the far end may well answer another attempt (the broker's statuses are read alike).</summary>
    public static bool IsWorthRetrying(int status) => status is 408 or 429 || status >= 500;

    public static Failure Unavailable(string service, string reason, TimeSpan? retryAfter)
        => new(FailureKind.Unavailable, ProblemCodes.UpstreamUnavailable, $"{service} is unavailable", reason, retryAfter);

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
