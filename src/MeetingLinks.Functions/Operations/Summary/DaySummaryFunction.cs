namespace MeetingLinks.Operations.Summary;

/// <summary><c>GET /api/meetings/summary</c>: a UTC day's meetings at a glance, for operations staff and their page.</summary>
public sealed class DaySummaryFunction(DaySummarizer summarizer)
{
    // Beside meetings/{id}, whose constraint (the shape of an id) is what keeps "summary" from being read as an id.
    [Function("SummarizeDay")]
    [RequiresRole(ApiRole.Ops)]
    public async Task<Results<Ok<DaySummary>, ProblemResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/summary")] HttpRequest request,
        CancellationToken cancellationToken)
        => summarizer.DayOf(request.Query).TryGet(out var day, out var invalid)
            ? TypedResults.Ok(await summarizer.SummarizeAsync(day, cancellationToken))
            : invalid.ToProblem();
}
