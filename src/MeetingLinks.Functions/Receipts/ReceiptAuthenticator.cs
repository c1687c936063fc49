namespace MeetingLinks.Receipts;

/// <summary>
/// Who may post a receipt: a Webex Connect Outbound Webhook that signs with the configured secret, or anything holding a flow key
/// (a Notify URL called with <c>x-api-key</c>, a flow's HTTP node). A signature that is sent is always checked and never overruled
/// by a key: a mismatch means a wrong secret or a forged call, and either should be seen, not masked.
/// </summary>
public sealed class ReceiptAuthenticator(ApiKeyAuthorizer authorizer, IOptions<ReceiptsOptions> options, ILogger<ReceiptAuthenticator> logger)
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(options.Value.HubSecret ?? string.Empty);

    public static bool HasCredentials(HttpRequest request)
        => request.Headers.ContainsKey(HubSignature.HeaderName) || request.Headers.ContainsKey(ApiKeyAuthorizer.HeaderName);

    /// <summary>Why the caller may not post <paramref name="body"/>; null when it proved that it may.</summary>
    public Failure? Authenticate(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var signature = request.Headers[HubSignature.HeaderName].ToString();
        if (signature.Length > 0 && _secret.Length > 0)
        {
            if (HubSignature.IsValid(signature, body, _secret))
            {
                return null;
            }

            logger.LogWarning("Refused a receipt: {Code}; x-hub-signature does not match the body (a wrong Receipts__HubSecret, or a forged or altered call)",
                ProblemCodes.InvalidSignature);
            return new Failure(FailureKind.Unauthorized, ProblemCodes.InvalidSignature, "The signature is not valid",
                $"{HubSignature.HeaderName} does not match the body signed with this service's webhook secret.");
        }

        if (signature.Length > 0)
        {
            logger.LogWarning("A receipt carries x-hub-signature but Receipts__HubSecret is not set, so only a flow key in x-api-key is accepted");
        }

        if (authorizer.Authorize(request, ApiRole.Flow).Failure is { } denied)
        {
            logger.LogWarning("Refused a receipt: {Code}", denied.Code);
            return denied;
        }

        return null;
    }
}
