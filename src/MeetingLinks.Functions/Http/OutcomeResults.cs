namespace MeetingLinks.Http;

/// <summary>How outcomes become HTTP answers.</summary>
public static class OutcomeResults
{
    public static ProblemResult ToProblem(this Failure failure) => new(failure);

    /// <summary>200 with the value as JSON, or the failure as a problem.</summary>
    public static Results<Ok<T>, ProblemResult> ToOk<T>(this Outcome<T> outcome)
        where T : notnull
        => outcome.TryGet(out var value, out var failure) ? TypedResults.Ok(value) : failure.ToProblem();
}
