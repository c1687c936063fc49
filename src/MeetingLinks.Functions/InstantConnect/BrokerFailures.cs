using System.Net;

namespace MeetingLinks.InstantConnect;

/// <summary>Turns what went wrong with a broker call into an <see cref="InstantConnectException"/> an operator can act on.</summary>
internal static class BrokerFailures
{
    public static InstantConnectException ForStatus(HttpResponseMessage response, InstantConnectOptions options, TimeProvider time)
    {
        var status = (int)response.StatusCode;
        var described = $"{status} {response.StatusCode}";

        if (IsTransient(response.StatusCode))
        {
            var retryAfter = RetryAfter.Read(response, time);
            var message = retryAfter is { } wait && wait > options.MaxRetryAfter
                ? $"The Instant Connect broker is unavailable: it answered {described} and asked to retry after {wait.TotalSeconds:0.#} s, longer than InstantConnect__MaxRetryAfter allows waiting."
                : $"The Instant Connect broker is unavailable: it still answered {described} after retrying.";
            return new InstantConnectException(BrokerFailure.Unavailable, message, status, retryAfter);
        }

        var reason = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"The Instant Connect broker refused the bot token ({described}). Check that InstantConnect__BotToken holds a valid Webex bot token "
                + "and that Instant Connect is activated for the Webex org (https://instant.webex.com/integrate).",
            HttpStatusCode.NotFound =>
                $"The Instant Connect broker answered {described}. Check InstantConnect__BaseUrl ({options.BaseUrl}).",
            HttpStatusCode.BadRequest =>
                $"The Instant Connect broker rejected the request as invalid ({described}). Check InstantConnect__Audience and the request values.",
            _ => $"The Instant Connect broker rejected the request with {described}.",
        };
        return new InstantConnectException(BrokerFailure.Rejected, reason, status);
    }

    public static InstantConnectException TotalTimeout(InstantConnectOptions options, Exception inner) =>
        new(BrokerFailure.TimedOut, $"The Instant Connect broker did not produce links within InstantConnect__TotalTimeout ({options.TotalTimeout.TotalSeconds:0.#} s).", innerException: inner);

    public static InstantConnectException AttemptsTimedOut(InstantConnectOptions options, Exception inner) =>
        new(BrokerFailure.Unavailable, $"The Instant Connect broker did not answer within InstantConnect__AttemptTimeout ({options.AttemptTimeout.TotalSeconds:0.#} s), retries included.", innerException: inner);

    public static InstantConnectException CircuitOpen(TimeSpan? retryAfter, Exception inner) =>
        new(BrokerFailure.Unavailable, "The Instant Connect broker is unavailable: too many recent calls failed, so calls are paused for a while.", retryAfter: retryAfter, innerException: inner);

    public static InstantConnectException Transport(HttpRequestException inner) =>
        new(BrokerFailure.Unavailable, $"The Instant Connect broker could not be reached: {inner.HttpRequestError}.", innerException: inner);

    public static InstantConnectException Malformed(string what, int statusCode, Exception? inner = null) =>
        new(BrokerFailure.Unavailable, $"The Instant Connect broker answered with an unexpected response: {what}.", statusCode, innerException: inner);

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
