namespace MeetingLinks.InstantConnect;

/// <summary>A broker call's failure; the detail says what an operator can act on, never the token or the body.</summary>
internal static class BrokerFailures
{
    private const string TryAgain = "Try again with the same idempotency key.";

    public static Failure ForStatus(HttpResponseMessage response, InstantConnectOptions options, TimeProvider time)
    {
        var status = (int)response.StatusCode;
        var described = $"{status} {response.StatusCode}";

        if (UpstreamCall.IsWorthRetrying(status))
        {
            var retryAfter = UpstreamCall.RetryAfter(response, time);
            return Unavailable(
                retryAfter is { } wait && wait > options.MaxRetryAfter
                    ? $"The Instant Connect broker answered {described} and asked to retry after {wait.TotalSeconds:0.#} s, longer than InstantConnect__MaxRetryAfter allows waiting."
                    : $"The Instant Connect broker still answered {described} after retrying.",
                retryAfter);
        }

        return Rejected(response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"The Instant Connect broker refused the bot token ({described}). Check that InstantConnect__BotToken holds a valid Webex bot token "
                + "and that Instant Connect is activated for the Webex org (https://instant.webex.com/integrate).",
            HttpStatusCode.NotFound =>
                $"The Instant Connect broker answered {described}. Check InstantConnect__BaseUrl ({options.BaseUrl}).",
            HttpStatusCode.BadRequest =>
                $"The Instant Connect broker rejected the request as invalid ({described}). Check InstantConnect__Audience and the request values.",
            _ => $"The Instant Connect broker rejected the request with {described}.",
        });
    }

    public static Failure TotalTimeout(InstantConnectOptions options) => new(FailureKind.TimedOut, ProblemCodes.UpstreamTimeout,
        "Webex Instant Connect did not answer in time",
        $"The Instant Connect broker did not produce links within InstantConnect__TotalTimeout ({options.TotalTimeout.TotalSeconds:0.#} s). {TryAgain}");

    public static Failure AttemptsTimedOut(InstantConnectOptions options) => Unavailable(
        $"The Instant Connect broker did not answer within InstantConnect__AttemptTimeout ({options.AttemptTimeout.TotalSeconds:0.#} s), retries included.", null);

    public static Failure CircuitOpen(TimeSpan? retryAfter) => Unavailable(
        "Too many recent calls to the Instant Connect broker failed, so calls are paused for a while.", retryAfter);

    public static Failure Transport(HttpRequestException inner) => Unavailable(
        $"The Instant Connect broker could not be reached: {inner.HttpRequestError}.", null);

    public static Failure Malformed(string what) => Unavailable(
        $"The Instant Connect broker answered with an unexpected response: {what}.", null);

    private static Failure Rejected(string reason)
        => new(FailureKind.UpstreamRejected, ProblemCodes.UpstreamRejected, "Webex Instant Connect refused the request", reason);

    // Without a Retry-After of the broker's, the 503 says the default (ProblemResult).
    private static Failure Unavailable(string reason, TimeSpan? retryAfter)
        => UpstreamCall.Unavailable("Webex Instant Connect", $"{reason} {TryAgain}", retryAfter);
}
