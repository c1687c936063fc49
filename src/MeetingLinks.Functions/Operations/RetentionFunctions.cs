using MeetingLinks.Access;
using MeetingLinks.Http;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Operations;

/// <summary>The retention purge: nightly under the Functions host, and on demand for the ops role.</summary>
public sealed class RetentionFunctions(RetentionPurger purger, ApiKeyAuthorizer authorizer, IOptions<MeetingsOptions> options)
{
    /// <summary>Every night at 03:30 UTC.</summary>
    [Function("PurgeExpiredRecords")]
    public async Task Nightly([TimerTrigger("0 30 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
        => await purger.PurgeAsync(cancellationToken);

    [Function("PurgeExpiredRecordsNow")]
    public async Task<Results<Ok<PurgeReport>, ProblemResult>> OnDemand(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "maintenance/purge")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (authorizer.Authorize(request, ApiRole.Ops) is { } denied)
        {
            return denied;
        }

        try
        {
            return TypedResults.Ok(await purger.PurgeAsync(cancellationToken));
        }
        catch (StorageUnavailableException)
        {
            return Problems.StorageUnavailable(options.Value.StorageRetryAfter);
        }
    }
}
