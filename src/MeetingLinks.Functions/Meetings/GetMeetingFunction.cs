namespace MeetingLinks.Meetings;

/// <summary><c>GET /api/meetings/{id}</c>: one complete record, for operations staff.</summary>
public sealed class GetMeetingFunction(IMeetingStore store)
{
    [Function("GetMeeting")]
    [RequiresRole(ApiRole.Ops)]
    public async Task<Results<Ok<MeetingRecord>, ProblemResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = MeetingIds.Route)] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => await store.GetWithEventsAsync(id, cancellationToken) is { } stored
            ? TypedResults.Ok(stored)
            : Failure.MeetingNotFound(id).ToProblem();
}
