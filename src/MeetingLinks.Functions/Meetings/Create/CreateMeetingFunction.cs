using MeetingLinks.Access;
using MeetingLinks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace MeetingLinks.Meetings.Create;

/// <summary><c>POST /api/meetings</c>: what a Webex Connect flow's HTTP Request node calls.</summary>
public sealed class CreateMeetingFunction(ApiKeyAuthorizer authorizer, CreateMeetingValidator validator, MeetingCreator creator)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    [Function("CreateMeeting")]
    public async Task<Results<Ok<CreateMeetingResponse>, ProblemResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (authorizer.Authorize(request, ApiRole.Flow) is { } denied)
        {
            return denied;
        }

        var (body, invalidBody) = await JsonBodyReader.ReadAsync(
            request, ApiJsonContext.Default.CreateMeetingRequest, MeetingsOptions.MaxBodyBytes, cancellationToken);
        if (invalidBody is not null)
        {
            return invalidBody;
        }

        var validation = validator.Validate(body!, request.Headers[IdempotencyHeader].ToString());
        if (validation.Errors is { } errors)
        {
            return errors.ToProblem();
        }

        var outcome = await creator.CreateAsync(validation.Request!, cancellationToken);
        return outcome.Response is { } response ? TypedResults.Ok(response) : outcome.Problem!;
    }
}
