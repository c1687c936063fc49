using System.Collections.Immutable;

namespace MeetingLinks.Outcomes;

/// <summary>Every <c>code</c> a problem can carry, for a flow to branch on; the OpenAPI description is held to it.</summary>
public static class ProblemCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidPhone = "invalid_phone";
    public const string InvalidQuery = "invalid_query";
    public const string InvalidEvent = "invalid_event";
    public const string InvalidReceipt = "invalid_receipt";
    public const string Unauthorized = "unauthorized";
    public const string InvalidSignature = "invalid_signature";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string IdempotencyConflict = "idempotency_conflict";
    public const string MeetingNotReady = "meeting_not_ready";
    public const string LinkLimit = "link_limit";
    public const string MeetingCancelled = "meeting_cancelled";
    public const string NoExpert = "no_expert";
    public const string NoHostLink = "no_host_link";
    public const string NotificationInProgress = "notification_in_progress";
    public const string Erased = "erased";
    public const string WebhookNotConfigured = "webhook_not_configured";
    public const string PayloadTooLarge = "payload_too_large";
    public const string InternalError = "internal_error";
    public const string UpstreamRejected = "upstream_rejected";
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string StorageUnavailable = "storage_unavailable";
    public const string UpstreamTimeout = "upstream_timeout";
    public const string Timeout = "timeout";

    /// <summary>The codes above, in the order they are declared.</summary>
    public static ImmutableArray<string> All { get; } =
        [.. typeof(ProblemCodes).GetFields().Where(field => field.IsLiteral).Select(field => (string)field.GetRawConstantValue()!)];
}
