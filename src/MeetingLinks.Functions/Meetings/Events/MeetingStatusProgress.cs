namespace MeetingLinks.Meetings.Events;

/// <summary>
/// A record's status is the furthest stage its link reached: created → sent → delivered → read.
/// A failure counts after "sent" (it ends a send) but before "delivered" (a link that arrived did
/// arrive), so a late or repeated report never moves the status back.
/// </summary>
public static class MeetingStatusProgress
{
    public static string Next(string current, string eventType)
        => Rank(eventType) > Rank(current) ? eventType : current;

    private static int Rank(string status) => status switch
    {
        MeetingEventTypes.Read => 50,
        MeetingEventTypes.Delivered => 40,
        MeetingEventTypes.Failed => 30,
        MeetingEventTypes.Sent => 20,
        MeetingStatus.Created => 10,
        _ => 0,
    };
}
