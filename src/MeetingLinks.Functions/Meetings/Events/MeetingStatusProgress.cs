namespace MeetingLinks.Meetings.Events;

/// <summary>
/// A record's status is the furthest stage its link reached, in the order of <see cref="MeetingStatus.All"/>:
/// created → sent → failed → delivered → read. A failure ends a send but a link that arrived did arrive,
/// so a late or repeated report never moves the status back.
/// </summary>
public static class MeetingStatusProgress
{
    /// <summary>The status after an event: the event's type when it is a later stage, otherwise the current status.</summary>
    /// <remarks>Only events move a status, so anything that is not an event type leaves it as it is.</remarks>
    public static string Next(string current, string eventType)
        => MeetingStatus.IsEventType(eventType) && MeetingStatus.Rank(eventType) > MeetingStatus.Rank(current) ? eventType : current;
}
