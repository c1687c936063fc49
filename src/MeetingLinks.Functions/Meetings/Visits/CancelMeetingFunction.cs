namespace MeetingLinks.Meetings.Visits;

/// <summary><c>POST /api/meetings/{id}/cancel</c>: the flow cancels a visit (or a meeting that starts now).</summary>
public sealed class CancelMeetingFunction(VisitCanceller canceller)
{
    private const int MaxBodyBytes = 1024;

    [Function("CancelMeeting")]
    [RequiresRole(ApiRole.Flow)]
    public async Task<Results<Ok<CancelAnswer>, ProblemResult>> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = MeetingIds.Route + "/cancel")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(request, ApiJsonContext.Default.CancelRequest, MaxBodyBytes, cancellationToken);
        return (await body.Then(VisitCanceller.Validate).ThenAsync(valid => canceller.CancelAsync(id, valid.Reason, cancellationToken))).ToOk();
    }
}

/// <summary>The body of <c>POST /api/meetings/{id}/cancel</c>; every field optional.</summary>
public sealed class CancelRequest
{
    public string? Reason { get; set; }
}

/// <summary>A cancel request after validation: its reason, when it gave one.</summary>
public sealed record ValidatedCancel(string? Reason);

/// <summary>What the flow is told: the meeting is cancelled, since when; <c>replayed</c> when it was already.</summary>
public sealed record CancelAnswer(string MeetingId, string Status, DateTimeOffset CancelledAt, string? Reason, bool Replayed);
