using Microsoft.AspNetCore.Http.Metadata;

namespace MeetingLinks.Http;

/// <summary>An <c>application/problem+json</c> answer, with <c>Retry-After</c> when the caller should try again.</summary>
public sealed class ProblemResult : IResult, IStatusCodeHttpResult, IValueHttpResult<ApiProblem>, IContentTypeHttpResult
{
    public const string MediaType = "application/problem+json";

    public ProblemResult(Failure failure)
    {
        var status = OutcomeResults.StatusOf(failure.Kind);
        Problem = new ApiProblem($"https://www.rfc-editor.org/rfc/rfc9110#status.{status}", failure.Title, status, failure.Detail, failure.Code)
        {
            Errors = failure.Errors,
        };
        // A 503 always says when to try again, also when the far end that failed did not.
        RetryAfter = failure.RetryAfter ?? (status == StatusCodes.Status503ServiceUnavailable ? DefaultRetryAfter : null);
    }

    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    public ApiProblem Problem { get; }

    public TimeSpan? RetryAfter { get; }

    public int StatusCode => Problem.Status;

    int? IStatusCodeHttpResult.StatusCode => Problem.Status;

    ApiProblem IValueHttpResult<ApiProblem>.Value => Problem;

    string IContentTypeHttpResult.ContentType => MediaType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Problem.Status;
        if (RetryAfter is { } wait)
        {
            // Whole seconds, rounded up, never zero: a flow's retry loop waits at least this long.
            var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        response.Headers.CacheControl = "no-store";
        return response.WriteAsJsonAsync(Problem, ApiJsonContext.Default.ApiProblem, MediaType, httpContext.RequestAborted);
    }
}
