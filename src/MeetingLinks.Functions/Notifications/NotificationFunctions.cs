using MeetingLinks.Access;
using MeetingLinks.Http;
using MeetingLinks.InstantConnect;
using MeetingLinks.Meetings;
using MeetingLinks.Outcomes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Notifications;

/// <summary>
/// <c>POST /api/meetings/{id}/notify</c>: ops send the expert's message again, after fixing what made it fail (to
/// another address when the body names one); and <c>GET /api/sandbox/messages</c>: what experts would have got.
/// </summary>
public sealed class NotificationFunctions(ExpertResender resender, SandboxMailbox mailbox, IOptions<WebexOptions> webex, IOptions<InstantConnectOptions> broker)
{
    private const int MaxBodyBytes = 1024;

    [Function("NotifyExpert")]
    [RequiresRole(ApiRole.Ops)]
    public async Task<Results<Accepted<NotifyAnswer>, ProblemResult>> Notify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = MeetingIds.Route + "/notify")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(request, ApiJsonContext.Default.NotifyRequest, MaxBodyBytes, cancellationToken);
        if (!body.Then(ExpertResender.Validate).TryGet(out var expert, out var invalid))
        {
            return invalid.ToProblem();
        }

        return (await resender.ResendAsync(id, expert.Target, cancellationToken)).TryGet(out var answer, out var failure)
            ? TypedResults.Accepted((string?)null, answer)
            : failure.ToProblem();
    }

    [Function("SandboxMessages")]
    [RequiresRole(ApiRole.Ops)]
    public Results<Ok<IReadOnlyList<SandboxMessage>>, ProblemResult> Messages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sandbox/messages")] HttpRequest request)
        => webex.Value.UsesSandbox(broker.Value)
            ? TypedResults.Ok(mailbox.Messages)
            : Failure.NotFound($"The sandbox for messages is off: they go to {webex.Value.ApiBaseUrl}.").ToProblem();
}

/// <summary>The body of <c>POST /api/meetings/{id}/notify</c>; empty sends to the same expert again.</summary>
public sealed class NotifyRequest
{
    public ExpertRequest? Expert { get; set; }
}

/// <summary>What ops are told: the message is queued again, to whom.</summary>
public sealed record NotifyAnswer(string MeetingId, ExpertNotificationView ExpertNotification);
