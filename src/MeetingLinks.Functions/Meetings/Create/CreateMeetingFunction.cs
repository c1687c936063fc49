namespace MeetingLinks.Meetings.Create;

/// <summary><c>POST /api/meetings</c>: what a Webex Connect flow's HTTP Request node calls.</summary>
public sealed class CreateMeetingFunction(LinkRequestValidator validator, MeetingCreator creator)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    [Function("CreateMeeting")]
    [RequiresRole(ApiRole.Flow)]
    public async Task<Results<Ok<MeetingLinksResponse>, ProblemResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(
            request, ApiJsonContext.Default.CreateMeetingRequest, MeetingsOptions.MaxBodyBytes, cancellationToken);
        return (await body.Then(b => validator.Validate(b, request.Headers[IdempotencyHeader].ToString()))
            .ThenAsync(valid => creator.CreateAsync(valid, cancellationToken))).ToOk();
    }
}
