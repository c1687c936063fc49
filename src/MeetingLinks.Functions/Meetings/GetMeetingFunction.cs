using MeetingLinks.Access;
using MeetingLinks.Http;
using MeetingLinks.Meetings.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Meetings;

/// <summary><c>GET /api/meetings/{id}</c>: one complete record, for operations staff.</summary>
public sealed class GetMeetingFunction(ApiKeyAuthorizer authorizer, IMeetingStore store, IOptions<MeetingsOptions> options)
{
    [Function("GetMeeting")]
    public async Task<Results<Ok<MeetingRecord>, ProblemResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (authorizer.Authorize(request, ApiRole.Ops) is { } denied)
        {
            return denied;
        }

        if (!MeetingIds.TryParse(id, out _, out _))
        {
            return Problems.InvalidMeetingId();
        }

        try
        {
            return await store.GetAsync(id, cancellationToken) is { } stored
                ? TypedResults.Ok(stored.Record)
                : Problems.NotFound($"No meeting {id}.");
        }
        catch (StorageUnavailableException)
        {
            return Problems.StorageUnavailable(options.Value.StorageRetryAfter);
        }
    }
}
