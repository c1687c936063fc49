namespace MeetingLinks.Meetings.Events;

/// <summary><c>POST /api/meetings/{id}/events</c>: a flow reports what happened to the link it sent.</summary>
public sealed class ReportEventFunction(MeetingEventRecorder recorder, TimeProvider time)
{
    private const int MaxBodyBytes = 4 * 1024;

    [Function("ReportMeetingEvent")]
    [RequiresRole(ApiRole.Flow)]
    public async Task<Results<Ok<ReportEventResponse>, ProblemResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = MeetingIds.Route + "/events")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(request, ApiJsonContext.Default.ReportEventRequest, MaxBodyBytes, cancellationToken);
        return (await body.Then(b => ReportEventValidator.Validate(b, time.GetUtcNow())).ThenAsync(async meetingEvent =>
            (await recorder.RecordAsync(id, meetingEvent, cancellationToken))
                .Then<ReportEventResponse>(outcome => new ReportEventResponse(id, meetingEvent.Type, outcome.Name())))).ToOk();
    }
}
