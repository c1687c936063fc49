using MeetingLinks.Access;
using MeetingLinks.Http;
using MeetingLinks.Meetings.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Meetings.Events;

/// <summary><c>POST /api/meetings/{id}/events</c>: a flow reports what happened to the link it sent.</summary>
public sealed class ReportEventFunction(
    ApiKeyAuthorizer authorizer, MeetingEventRecorder recorder, IOptions<MeetingsOptions> options, TimeProvider time)
{
    private const int MaxBodyBytes = 4 * 1024;

    [Function("ReportMeetingEvent")]
    public async Task<Results<Ok<ReportEventResponse>, ProblemResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{id}/events")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (authorizer.Authorize(request, ApiRole.Flow) is { } denied)
        {
            return denied;
        }

        if (!MeetingIds.TryParse(id, out _, out _))
        {
            return Problems.InvalidMeetingId();
        }

        var (body, invalid) = await JsonBodyReader.ReadAsync(request, ApiJsonContext.Default.ReportEventRequest, MaxBodyBytes, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        if (ReportEventValidator.Validate(body!, now) is { } errors)
        {
            return Problems.Validation("invalid_event", errors);
        }

        var meetingEvent = ReportEventValidator.ToEvent(body!, now);
        try
        {
            var outcome = await recorder.RecordAsync(id, meetingEvent, cancellationToken);
            return outcome == EventOutcome.MeetingNotFound
                ? Problems.NotFound($"No meeting {id}.")
                : TypedResults.Ok(new ReportEventResponse(id, meetingEvent.Type, outcome == EventOutcome.Recorded ? "recorded" : "duplicate"));
        }
        catch (StorageUnavailableException)
        {
            return Problems.StorageUnavailable(options.Value.StorageRetryAfter);
        }
    }
}
