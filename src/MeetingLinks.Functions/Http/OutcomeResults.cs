namespace MeetingLinks.Http;

/// <summary>How outcomes become HTTP answers: the only place that knows which status a failure has.</summary>
public static class OutcomeResults
{
    public static int StatusOf(FailureKind kind) => kind switch
    {
        FailureKind.Invalid => StatusCodes.Status400BadRequest,
        FailureKind.Unauthorized => StatusCodes.Status401Unauthorized,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.Gone => StatusCodes.Status410Gone,
        FailureKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        FailureKind.UpstreamRejected => StatusCodes.Status502BadGateway,
        FailureKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        FailureKind.TimedOut => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemResult ToProblem(this Failure failure) => new(failure);

    /// <summary>200 with the value as JSON, or the failure as a problem.</summary>
    public static Results<Ok<T>, ProblemResult> ToOk<T>(this Outcome<T> outcome)
        where T : notnull
        => outcome.TryGet(out var value, out var failure) ? TypedResults.Ok(value) : failure.ToProblem();
}
