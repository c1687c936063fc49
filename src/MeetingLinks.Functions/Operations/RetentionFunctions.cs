namespace MeetingLinks.Operations;

/// <summary>The retention purge: nightly under the Functions host, and on demand for the ops role.</summary>
public sealed class RetentionFunctions(RetentionPurger purger)
{
    /// <summary>Every night at 03:30 UTC.</summary>
    [Function("PurgeExpiredRecords")]
    public async Task Nightly([TimerTrigger("0 30 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
        => await purger.PurgeAsync(cancellationToken);

    [Function("PurgeExpiredRecordsNow")]
    [RequiresRole(ApiRole.Ops)]
    public async Task<Ok<PurgeReport>> OnDemand(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "maintenance/purge")] HttpRequest request,
        CancellationToken cancellationToken)
        => TypedResults.Ok(await purger.PurgeAsync(cancellationToken));
}
