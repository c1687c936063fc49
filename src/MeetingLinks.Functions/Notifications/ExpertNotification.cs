using System.Text.Json.Serialization;

namespace MeetingLinks.Notifications;

/// <summary>
/// The message that takes one batch of host links to the expert, as the record keeps it. <see cref="Status"/> is
/// <c>pending</c> until Webex accepted it (<c>sent</c>) or it cannot be (<c>failed</c>). While a delivery of the queue
/// message is sending, <see cref="SendingBy"/> holds that message's id, so another copy of it sends nothing.
/// </summary>
public sealed record ExpertNotification(
    string Batch,
    ExpertTarget Target,
    string Status,
    int Attempts,
    DateTimeOffset QueuedAt,
    string? LastError = null,
    string? MessageId = null,
    DateTimeOffset? SentAt = null,
    string? SendingBy = null)
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    public static IReadOnlyList<string> Statuses { get; } = [Pending, Sent, Failed];

    /// <summary>A message that is yet to be sent, from <paramref name="now"/>, with a retry window of its own.</summary>
    public static ExpertNotification Queued(string batch, ExpertTarget target, DateTimeOffset now) => new(batch, target, Pending, 0, now);

    /// <summary>What operations staff see: the address masked, the claim left out.</summary>
    public ExpertNotificationView View() => new(Target.Masked, Status, Attempts, LastError, MessageId, SentAt);
}

/// <summary>The record's <c>expertNotification</c> as the API shows it.</summary>
public sealed record ExpertNotificationView(
    [property: JsonPropertyName("to")] string To,
    string Status,
    int Attempts,
    string? LastError,
    string? MessageId,
    DateTimeOffset? SentAt);
