using MeetingLinks.Meetings.Visits;

namespace MeetingLinks.Operations.Summary;

/// <summary>
/// Counts a day's meetings one at a time, so a day of any size is counted in one pass. Every figure but the flow's events counts
/// meetings, each from the record's own fields as the predicates below define them.
/// </summary>
public sealed class DayTally
{
    /// <summary>The experts' side of a meeting that has no outcome yet.</summary>
    public const string Waiting = "waiting";

    private readonly int[] _hours = new int[24];
    private readonly Dictionary<string, int> _statuses = MeetingStatus.All.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
    private readonly Dictionary<string, int> _expert = new(StringComparer.Ordinal);
    private int _meetings;
    private int _asked;
    private int _booked;
    private int _reminded;
    private int _rescheduled;
    private int _cancelled;
    private int _flowSent;
    private int _flowFailed;

    /// <summary>Experts were asked: a chain of experts from the create (asked in turn), or host links sent to an expert with more links.</summary>
    public static bool AskedExperts(MeetingRecord meeting) => meeting.Notifications.Count > 0;

    /// <summary>
    /// How the experts' side stands: <c>joining</c> or <c>declined</c> (the expert's answer), <c>unanswered</c> or <c>unreachable</c>
    /// (how a chain ended with nobody joining), else <see cref="Waiting"/>; null for a cancelled meeting without one of those, whose
    /// experts wait for nothing any more.
    /// </summary>
    public static string? ExpertOutcome(MeetingRecord meeting)
    {
        if (meeting.ExpertAnswer != MeetingFilter.NoResponse)
        {
            return meeting.ExpertAnswer;
        }

        return meeting.IsCancelled ? null : Waiting;
    }

    /// <summary>A visit booked ahead: the meeting has a start, from its create or from a reschedule.</summary>
    public static bool IsBooked(MeetingRecord meeting) => meeting.StartsAt is not null;

    /// <summary>At least one of its reminders went to the flow (a meeting with three reminders sent counts once).</summary>
    public static bool WasReminded(MeetingRecord meeting) => meeting.VisitReminders.Any(r => r.Status == VisitReminder.Sent);

    /// <summary>Moved at least once: a reschedule issued it links (a batch whose id begins <see cref="VisitRescheduler.BatchPrefix"/>).</summary>
    public static bool WasRescheduled(MeetingRecord meeting)
        => meeting.Links.Any(l => l.Batch.StartsWith(VisitRescheduler.BatchPrefix, StringComparison.Ordinal));

    public void Add(MeetingRecord meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        _meetings++;
        _hours[meeting.CreatedAt.UtcDateTime.Hour]++;
        if (_statuses.TryGetValue(meeting.Status, out var withStatus))
        {
            _statuses[meeting.Status] = withStatus + 1;
        }

        if (AskedExperts(meeting))
        {
            _asked++;
            if (ExpertOutcome(meeting) is { } outcome)
            {
                _expert[outcome] = _expert.GetValueOrDefault(outcome) + 1;
            }
        }

        if (IsBooked(meeting))
        {
            _booked++;
            _reminded += WasReminded(meeting) ? 1 : 0;
            _rescheduled += WasRescheduled(meeting) ? 1 : 0;
            _cancelled += meeting.IsCancelled ? 1 : 0;
        }

        // Events still being tried are neither: only sent and failed (for good) are final.
        _flowSent += meeting.FlowDeliveries.Count(e => e.Delivery.Status == Delivery.Sent);
        _flowFailed += meeting.FlowDeliveries.Count(e => e.Delivery.Status == Delivery.Failed);
    }

    public DaySummary Summary(DateOnly day) => new(
        day,
        _meetings,
        [.. _hours],
        new Dictionary<string, int>(_statuses, StringComparer.Ordinal),
        new ExpertFigures(
            _asked,
            Joining: _expert.GetValueOrDefault(ExpertResponse.Joining),
            Declined: _expert.GetValueOrDefault(ExpertResponse.Declined),
            Unanswered: _expert.GetValueOrDefault(ExpertChain.Unanswered),
            Unreachable: _expert.GetValueOrDefault(ExpertChain.Unreachable),
            Waiting: _expert.GetValueOrDefault(Waiting)),
        new VisitFigures(_booked, _reminded, _rescheduled, _cancelled),
        new FlowEventFigures(_flowSent, _flowFailed));
}
