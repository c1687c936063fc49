using System.Collections.Immutable;

namespace MeetingLinks.Meetings;

/// <summary>Every status a record can have, and which events report: the one list the listing filter, progress rule, event check and ops page read.</summary>
public static class MeetingStatus
{
    /// <summary>The <c>sub</c> is stored and the broker has not answered yet (or the attempt failed).</summary>
    public const string Pending = "pending";

    /// <summary>The broker refused the meeting; a retry with the same key tries again.</summary>
    public const string Rejected = "rejected";

    /// <summary>Links are stored and were handed to the flow.</summary>
    public const string Created = "created";

    /// <summary>The message with the link left (the flow sent it, or Connect submitted it).</summary>
    public const string Sent = "sent";

    /// <summary>The message did not arrive.</summary>
    public const string Failed = "failed";

    /// <summary>The message arrived.</summary>
    public const string Delivered = "delivered";

    /// <summary>The customer opened the message.</summary>
    public const string Read = "read";

    /// <summary>The visit was cancelled; no event moves it on.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>
    /// Every status in the order a record moves through them. Pending and rejected come before created;
    /// after it, a failure counts after "sent" (it ends a send) but before "delivered" (a link that arrived did arrive).
    /// </summary>
    public static ImmutableArray<string> All { get; } = [Pending, Rejected, Created, Sent, Failed, Delivered, Read, Cancelled];

    /// <summary>The statuses an event reports (the flow's events route, delivery receipts), in the same order.</summary>
    public static ImmutableArray<string> EventTypes { get; } = [Sent, Failed, Delivered, Read];

    /// <summary>True for exactly the statuses in <see cref="All"/>, spelt as they are (lower case).</summary>
    public static bool IsKnown(string? status) => status is not null && All.Contains(status);

    /// <summary>True for exactly the statuses in <see cref="EventTypes"/>, spelt as they are (lower case).</summary>
    public static bool IsEventType(string? status) => status is not null && EventTypes.Contains(status);

    /// <summary>The status's place in <see cref="All"/>; -1 for anything else.</summary>
    public static int Rank(string? status) => status is null ? -1 : All.IndexOf(status);

    /// <summary>
    /// The status after an event: the event's type when it is a later stage, otherwise the current status. A status is
    /// the furthest stage the link reached, so a late or repeated report never moves it back, and only events move it.
    /// </summary>
    public static string Next(string current, string eventType)
        => IsEventType(eventType) && Rank(eventType) > Rank(current) ? eventType : current;
}
