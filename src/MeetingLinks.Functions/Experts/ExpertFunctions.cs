namespace MeetingLinks.Experts;

/// <summary>
/// <c>POST /api/meetings/{id}/notify</c>: ops send the expert's message again, after fixing what made it fail (to
/// another address when the body names one).
/// </summary>
public sealed class ExpertFunctions(ExpertResender resender)
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
        return (await body.Then(ExpertResender.Validate).ThenAsync(to => resender.ResendAsync(id, to.Target, cancellationToken)))
            .TryGet(out var answer, out var failure)
            ? TypedResults.Accepted((string?)null, answer)
            : failure.ToProblem();
    }
}

/// <summary>The body of <c>POST /api/meetings/{id}/notify</c>; empty sends to the same expert again.</summary>
public sealed class NotifyRequest
{
    public ExpertRequest? Expert { get; set; }
}

/// <summary>What ops are told: the message is queued again, to whom.</summary>
public sealed record NotifyAnswer(string MeetingId, ExpertNotificationView ExpertNotification);
