namespace MeetingLinks.Meetings.Visits;

/// <summary><c>POST /api/meetings/{id}/reschedule</c>: the flow moves a visit (or gives a meeting that started now a start).</summary>
public sealed class RescheduleMeetingFunction(LinkRequestValidator validator, VisitRescheduler rescheduler)
{
    private const int MaxBodyBytes = 1024;

    [Function("RescheduleMeeting")]
    [RequiresRole(ApiRole.Flow)]
    public async Task<Results<Ok<MeetingLinksResponse>, ProblemResult>> Reschedule(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = MeetingIds.Route + "/reschedule")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(request, ApiJsonContext.Default.RescheduleRequest, MaxBodyBytes, cancellationToken);
        return (await body.Then(b => validator.Validate(b, request.Headers[CreateMeetingFunction.IdempotencyHeader].ToString()))
            .ThenAsync(valid => rescheduler.RescheduleAsync(id, valid, cancellationToken))).ToOk();
    }
}

/// <summary>What a booking says of its visit, in a create or a reschedule.</summary>
public interface IVisitRequest
{
    DateTimeOffset? StartsAt { get; }

    int? DurationMinutes { get; }

    IReadOnlyList<string>? Reminders { get; }
}

/// <summary>The body of <c>POST /api/meetings/{id}/reschedule</c>: the new start, and the duration and reminders if they change.</summary>
public sealed class RescheduleRequest : IVisitRequest
{
    /// <summary>Idempotency key; the <c>Idempotency-Key</c> header wins when both are sent.</summary>
    public string? RequestId { get; set; }

    public DateTimeOffset? StartsAt { get; set; }

    public int? DurationMinutes { get; set; }

    public IReadOnlyList<string>? Reminders { get; set; }
}

/// <summary>A reschedule after validation: its key, and the visit as it now is (what it left out taken from the settings).</summary>
public sealed record ValidatedReschedule(string? IdempotencyKey, Visit Visit);
