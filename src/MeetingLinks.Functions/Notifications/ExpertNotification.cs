using System.Text.Json.Serialization;

namespace MeetingLinks.Notifications;

/// <summary>
/// The message that takes one batch of host links to the expert, as the record keeps it. <see cref="Status"/> is
/// <c>pending</c> until Webex accepted it (<c>sent</c>) or it cannot be (<c>failed</c>); while one instance is
/// sending, it says so with a lease, so a second delivery of the same queue message waits instead of sending again;
/// after a failure worth retrying, <see cref="NotBefore"/> holds every copy of the message back for the back-off.
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
    DateTimeOffset? SendingUntil = null,
    DateTimeOffset? NotBefore = null)
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    public static IReadOnlyList<string> Statuses { get; } = [Pending, Sent, Failed];

    /// <summary>A message that is yet to be sent, from <paramref name="now"/>, with a retry window of its own.</summary>
    public static ExpertNotification Queued(string batch, ExpertTarget target, DateTimeOffset now) => new(batch, target, Pending, 0, now);

    /// <summary>The record's notifications with the one of <paramref name="batch"/> replaced by <paramref name="change"/>'s result.</summary>
    public static IReadOnlyList<ExpertNotification> Replace(
        IReadOnlyList<ExpertNotification> notifications, string batch, Func<ExpertNotification, ExpertNotification> change)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(change);
        return [.. notifications.Select(n => n.Batch == batch ? change(n) : n)];
    }

    /// <summary>True while an attempt holds the lease (it may have reached Webex already).</summary>
    public bool IsSendingAt(DateTimeOffset now) => SendingUntil > now;

    /// <summary>What operations staff see: the address masked, the lease left out.</summary>
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
