namespace MeetingLinks.Outcomes;

/// <summary>What kind of failure it is, numbered with the HTTP status it is answered with.</summary>
public enum FailureKind
{
    Invalid = 400,
    Unauthorized = 401,
    Forbidden = 403,
    NotFound = 404,
    Conflict = 409,
    Gone = 410,
    TooLarge = 413,
    Unexpected = 500,
    UpstreamRejected = 502,
    Unavailable = 503,
    TimedOut = 504,
}

/// <summary>Why there is no value: a kind, a <see cref="Code"/> for flows, words for people; no secret or full phone number.</summary>
/// <param name="RetryAfter">How long the caller should wait before trying again, when that helps.</param>
/// <param name="Errors">Messages per field (JSON path such as <c>customer.phone</c>) for invalid input.</param>
public sealed record Failure(
    FailureKind Kind,
    string Code,
    string Title,
    string Detail,
    TimeSpan? RetryAfter = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    private const string InvalidTitle = "The request is not valid";

    public static Failure Invalid(string code, string detail) => new(FailureKind.Invalid, code, InvalidTitle, detail);

    /// <summary>Field-level messages; the detail names the field when there is one.</summary>
    public static Failure Invalid(string code, IReadOnlyDictionary<string, string[]> errors) => new(FailureKind.Invalid, code, InvalidTitle,
        errors.Count == 1 ? $"{errors.First().Key}: {errors.First().Value[0]}" : $"{errors.Count} fields are invalid; see errors.",
        Errors: errors);

    public static Failure NotFound(string detail) => new(FailureKind.NotFound, ProblemCodes.NotFound, "Not found", detail);

    public static Failure MeetingNotFound(string meetingId) => NotFound($"No meeting {meetingId}.");

    /// <summary>A cancelled meeting takes no more links and no new start.</summary>
    public static Failure Cancelled(string meetingId) => new(FailureKind.Conflict, ProblemCodes.MeetingCancelled, "The meeting was cancelled",
        $"Meeting {meetingId} was cancelled. Book a new meeting instead.");

    public static Failure Unauthorized(string detail) => new(FailureKind.Unauthorized, ProblemCodes.Unauthorized, "Missing or unknown API key", detail);

    public static Failure Forbidden(string detail) => new(FailureKind.Forbidden, ProblemCodes.Forbidden, "This key may not use this route", detail);

    public static Failure TooLarge(int limitBytes) => new(FailureKind.TooLarge, ProblemCodes.PayloadTooLarge, "The request body is too large",
        $"The body may be at most {limitBytes} bytes.");

    public static Failure StorageUnavailable(TimeSpan retryAfter) => new(FailureKind.Unavailable, ProblemCodes.StorageUnavailable,
        "Storage is unavailable", "The meeting store did not answer. Try again with the same idempotency key.", retryAfter);

    public static Failure TimedOut(string detail) => new(FailureKind.TimedOut, ProblemCodes.Timeout, "The time budget ran out", detail);

    public static Failure Unexpected() => new(FailureKind.Unexpected, ProblemCodes.InternalError, "Unexpected error",
        "The service failed unexpectedly. The error was logged.");
}
