using Microsoft.AspNetCore.Http.Metadata;

namespace MeetingLinks.Http;

/// <summary>An <c>application/problem+json</c> answer, with <c>Retry-After</c> when the caller should try again.</summary>
public sealed class ProblemResult(Failure failure) : IResult, IStatusCodeHttpResult, IValueHttpResult<ApiProblem>, IContentTypeHttpResult
{
    public const string MediaType = "application/problem+json";

    public int StatusCode { get; } = (int)failure.Kind;

    public ApiProblem Problem => new(
        $"https://www.rfc-editor.org/rfc/rfc9110#status.{StatusCode}", failure.Title, StatusCode, failure.Detail, failure.Code)
    {
        Errors = failure.Errors,
    };

    // A 503 always says when to try again (5 s), also when the far end that failed did not.
    public TimeSpan? RetryAfter => failure.RetryAfter ?? (failure.Kind == FailureKind.Unavailable ? TimeSpan.FromSeconds(5) : null);

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    ApiProblem IValueHttpResult<ApiProblem>.Value => Problem;

    string IContentTypeHttpResult.ContentType => MediaType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
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
