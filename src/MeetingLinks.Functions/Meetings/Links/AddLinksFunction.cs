namespace MeetingLinks.Meetings.Links;

/// <summary><c>POST /api/meetings/{id}/links</c>: another guest or host, or fresh links, for the same meeting.</summary>
public sealed class AddLinksFunction(LinkRequestValidator validator, MeetingLinksAdder adder)
{
    private const int MaxBodyBytes = 4 * 1024;

    [Function("AddMeetingLinks")]
    [RequiresRole(ApiRole.Flow)]
    public async Task<Results<Ok<MeetingLinksResponse>, ProblemResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = MeetingIds.Route + "/links")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(request, ApiJsonContext.Default.AddLinksRequest, MaxBodyBytes, cancellationToken);
        return (await body.Then(b => validator.Validate(b, request.Headers[CreateMeetingFunction.IdempotencyHeader].ToString()))
            .ThenAsync(valid => adder.AddAsync(id, valid, cancellationToken))).ToOk();
    }
}
