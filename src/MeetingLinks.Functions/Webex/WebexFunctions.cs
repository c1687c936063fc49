namespace MeetingLinks.Webex;

/// <summary>
/// <c>POST /api/webex/events</c>: Webex's calls for pressed buttons on the expert's card (no key: Webex's signature
/// instead); <c>POST /api/webex/webhooks</c> (ops): registers that webhook.
/// </summary>
public sealed class WebexFunctions(WebexEventsHandler handler, WebhookRegistration registration)
{
    [Function("WebexEvents")]
    public async Task<Results<JsonHttpResult<WebexEventAnswer>, ProblemResult>> Events(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webex/events")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        // Read (capped) before checking the signature: it covers exactly these bytes. Nothing is read from Webex unsigned.
        if (await RequestBody.ReadCappedAsync(request, WebexEventsHandler.MaxBodyBytes, cancellationToken) is not { } body)
        {
            return Failure.TooLarge(WebexEventsHandler.MaxBodyBytes).ToProblem();
        }

        if (!handler.IsSigned(request.Headers[WebexEventsHandler.SignatureHeader], body))
        {
            return new Failure(FailureKind.Unauthorized, ProblemCodes.InvalidSignature, "Not signed by Webex",
                $"The {WebexEventsHandler.SignatureHeader} header must be the HMAC-SHA1 of the body with the webhook's secret.").ToProblem();
        }

        return (await handler.HandleAsync(body, cancellationToken)).TryGet(out var answer, out var failure)
            ? TypedResults.Json(answer, WebexEventsJsonContext.Default.WebexEventAnswer)
            : failure.ToProblem();
    }

    [Function("RegisterWebexWebhook")]
    [RequiresRole(ApiRole.Ops)]
    public async Task<Results<Ok<WebhookAnswer>, ProblemResult>> Webhooks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webex/webhooks")] HttpRequest request,
        CancellationToken cancellationToken)
        => (await registration.EnsureAsync(cancellationToken)).ToOk();
}
