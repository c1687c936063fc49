namespace MeetingLinks.Receipts;

/// <summary>
/// <c>POST /api/receipts</c>: Webex Connect's delivery notifications (a node's Notify URL or an Outbound Webhook), recorded as
/// events of the meeting named in the Correlation ID. <c>HEAD</c> answers 200 so Connect can save the URL.
/// </summary>
public sealed class DeliveryReceiptFunction(ReceiptAuthenticator authenticator, DeliveryReceiptHandler handler)
{
    [Function("DeliveryReceipt")]
    public async Task<Results<Ok, JsonHttpResult<ReceiptAnswer>, ProblemResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "head", Route = "receipts")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (HttpMethods.IsHead(request.Method))
        {
            return TypedResults.Ok();
        }

        // Read (capped) before checking the signature: it covers exactly these bytes.
        if (await RequestBody.ReadCappedAsync(request, ReceiptsOptions.MaxBodyBytes, cancellationToken) is not { } body)
        {
            return Failure.TooLarge(ReceiptsOptions.MaxBodyBytes).ToProblem();
        }

        // A test call (empty body or {}) records nothing, so without credentials it gets 200 like HEAD, whatever Connect uses to
        // check the URL. Credentials that are sent are checked anyway: a wrong secret shows when the URL is saved, not at the first receipt.
        var testCall = IsTestCall(body);
        if ((!testCall || ReceiptAuthenticator.HasCredentials(request)) && authenticator.Authenticate(request, body) is { } denied)
        {
            return denied.ToProblem();
        }

        var outcome = testCall ? ReceiptAnswer.TestCall : await handler.HandleAsync(body, cancellationToken);
        return outcome.TryGet(out var answer, out var failure)
            ? TypedResults.Json(answer, ReceiptsJsonContext.Default.ReceiptAnswer)
            : failure.ToProblem();
    }

    /// <summary>An empty body or <c>{}</c>: what a URL check posts, not a receipt.</summary>
    private static bool IsTestCall(ReadOnlySpan<byte> body)
    {
        var trimmed = body.Trim(" \t\r\n"u8);
        return trimmed.IsEmpty
            || (trimmed.Length >= 2 && trimmed[0] == (byte)'{' && trimmed[^1] == (byte)'}' && trimmed[1..^1].Trim(" \t\r\n"u8).IsEmpty);
    }
}
