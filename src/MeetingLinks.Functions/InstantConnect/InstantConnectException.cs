namespace MeetingLinks.InstantConnect;

public enum BrokerFailure
{
    /// <summary>The broker refused the request (400/401/403/404…): retrying will not help.</summary>
    Rejected,

    /// <summary>Transient failures outlasted the retries, or the circuit is open.</summary>
    Unavailable,

    /// <summary>The total time budget for the broker call ran out.</summary>
    TimedOut,
}

/// <summary>A broker call that did not yield links. Messages never carry the token or request body.</summary>
public sealed class InstantConnectException : Exception
{
    public InstantConnectException(BrokerFailure failure, string message, int? statusCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public BrokerFailure Failure { get; }

    /// <summary>The broker's last HTTP status, when it answered at all.</summary>
    public int? StatusCode { get; }

    /// <summary>How long the caller should wait before trying again, when known.</summary>
    public TimeSpan? RetryAfter { get; }
}
