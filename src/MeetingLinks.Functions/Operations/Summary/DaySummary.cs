namespace MeetingLinks.Operations.Summary;

/// <summary>
/// A UTC day's meetings at a glance (<c>GET /api/meetings/summary</c>): the meetings created that day, exactly those the day's
/// listing returns, and what has become of them so far. <see cref="DayTally"/> says what each figure counts.
/// </summary>
/// <param name="Hours">The meetings created in each UTC hour of the day, 0 to 23.</param>
/// <param name="Statuses">The meetings with each status, every one of <see cref="MeetingStatus.All"/> in that order, zeros included.</param>
public sealed record DaySummary(
    DateOnly Day, int Meetings, IReadOnlyList<int> Hours, IReadOnlyDictionary<string, int> Statuses,
    ExpertFigures Expert, VisitFigures Visits, FlowEventFigures FlowEvents);

/// <summary>The meetings whose experts were asked, and how that stands.</summary>
public sealed record ExpertFigures(int Asked, int Joining, int Declined, int Unanswered, int Unreachable, int Waiting);

/// <summary>The visits booked ahead among the day's meetings (counted by the day they were created, not the day they start).</summary>
public sealed record VisitFigures(int Booked, int Reminded, int Rescheduled, int Cancelled);

/// <summary>The events for the flow, not meetings: those Connect took, and those given up for good.</summary>
public sealed record FlowEventFigures(int Sent, int Failed);
