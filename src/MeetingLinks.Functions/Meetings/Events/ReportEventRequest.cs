namespace MeetingLinks.Meetings.Events;

/// <summary>The body of <c>POST /api/meetings/{id}/events</c>.</summary>
public sealed class ReportEventRequest
{
    /// <summary><c>sent</c>, <c>delivered</c>, <c>read</c> or <c>failed</c>.</summary>
    public string? Type { get; set; }

    public string? Channel { get; set; }

    public string? Detail { get; set; }

    /// <summary>When it happened; defaults to when it is received.</summary>
    public DateTimeOffset? OccurredAt { get; set; }
}

/// <summary>The answer: the meeting, the event type, and <c>recorded</c> or <c>duplicate</c> (reported before).</summary>
public sealed record ReportEventResponse(string MeetingId, string Event, string Outcome);
