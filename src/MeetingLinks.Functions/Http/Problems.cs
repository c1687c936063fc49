using Microsoft.AspNetCore.Http;

namespace MeetingLinks.Http;

/// <summary>The service's error answers, one factory per kind, so codes and titles stay consistent.</summary>
public static class Problems
{
    public static ProblemResult Create(int status, string code, string title, string detail, TimeSpan? retryAfter = null)
        => new(new ApiProblem(TypeFor(status), title, status, detail, code), retryAfter);

    public static ProblemResult Validation(string code, IReadOnlyDictionary<string, string[]> errors)
    {
        var detail = errors.Count == 1
            ? $"{errors.First().Key}: {errors.First().Value[0]}"
            : $"{errors.Count} fields are invalid; see errors.";
        return new(new ApiProblem(TypeFor(400), "The request is not valid", 400, detail, code) { Errors = errors });
    }

    public static ProblemResult BadRequest(string code, string detail)
        => Create(StatusCodes.Status400BadRequest, code, "The request is not valid", detail);

    public static ProblemResult NotFound(string detail)
        => Create(StatusCodes.Status404NotFound, "not_found", "Not found", detail);

    public static ProblemResult InvalidMeetingId()
        => BadRequest("invalid_meeting_id", "This is not a meeting id; use the meetingId the create call returned (like 20261125-51299877-k3j7xq2a).");

    public static ProblemResult Unauthorized(string detail)
        => Create(StatusCodes.Status401Unauthorized, "unauthorized", "Missing or unknown API key", detail);

    public static ProblemResult Forbidden(string detail)
        => Create(StatusCodes.Status403Forbidden, "forbidden", "This key may not use this route", detail);

    public static ProblemResult PayloadTooLarge(int limitBytes)
        => Create(StatusCodes.Status413PayloadTooLarge, "payload_too_large", "The request body is too large",
            $"The body may be at most {limitBytes} bytes.");

    public static ProblemResult StorageUnavailable(TimeSpan retryAfter)
        => Create(StatusCodes.Status503ServiceUnavailable, "storage_unavailable", "Storage is unavailable",
            "The meeting store did not answer. Try again with the same idempotency key.", retryAfter);

    public static ProblemResult Timeout(string detail)
        => Create(StatusCodes.Status504GatewayTimeout, "timeout", "The time budget ran out", detail);

    public static ProblemResult Internal()
        => Create(StatusCodes.Status500InternalServerError, "internal_error", "Unexpected error",
            "The service failed unexpectedly. The error was logged.");

    private static string TypeFor(int status) => $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}";
}
