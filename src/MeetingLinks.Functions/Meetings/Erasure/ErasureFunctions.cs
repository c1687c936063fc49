namespace MeetingLinks.Meetings.Erasure;

/// <summary>Erasure for operations staff: <c>DELETE /api/meetings/{id}</c> and <c>POST /api/customers/erase</c>.</summary>
public sealed class ErasureFunctions(MeetingEraser eraser)
{
    private const int MaxBodyBytes = 1024;

    [Function("EraseMeeting")]
    [RequiresRole(ApiRole.Ops)]
    public async Task<Results<NoContent, ProblemResult>> EraseMeeting(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = MeetingIds.Route)] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => (await eraser.EraseMeetingAsync(id, cancellationToken)).TryGet(out _, out var failure)
            ? TypedResults.NoContent()
            : failure.ToProblem();

    [Function("EraseCustomer")]
    [RequiresRole(ApiRole.Ops)]
    public async Task<Results<Ok<ErasureReport>, ProblemResult>> EraseCustomer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "customers/erase")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(request, ApiJsonContext.Default.EraseCustomerRequest, MaxBodyBytes, cancellationToken);
        return (await body.ThenAsync(erase => eraser.EraseCustomerAsync(erase, cancellationToken))).ToOk();
    }
}
