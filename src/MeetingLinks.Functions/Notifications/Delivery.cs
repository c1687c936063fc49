namespace MeetingLinks.Notifications;

/// <summary>
/// Where one thing the service sends stands, the same for each of them (the expert's message, a reply under it, an
/// event to the flow). <see cref="Status"/> is <c>pending</c> until the far end took it (<c>sent</c>) or cannot
/// (<c>failed</c>). While a delivery of its queue message is sending, <see cref="SendingBy"/> holds that queue
/// message's id, so another copy of it sends nothing. <see cref="RoomId"/> is the Webex space a message went to, where its
/// thread is, when Webex said.
/// </summary>
public sealed record Delivery(
    string Status, int Attempts, DateTimeOffset QueuedAt,
    string? LastError = null, string? MessageId = null, DateTimeOffset? SentAt = null, string? SendingBy = null, string? RoomId = null)
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    public static IReadOnlyList<string> Statuses { get; } = [Pending, Sent, Failed];

    /// <summary>To be sent, from <paramref name="now"/>, with a retry window of its own.</summary>
    public static Delivery Queued(DateTimeOffset now, int attempts = 0) => new(Pending, attempts, now);

    public bool IsPending => Status == Pending;
}
