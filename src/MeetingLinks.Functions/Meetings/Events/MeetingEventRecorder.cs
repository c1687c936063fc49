using MeetingLinks.Meetings.Storage;
using MeetingLinks.Outcomes;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.Meetings.Events;

/// <summary>
/// Adds an event to a meeting and advances its status. Receipts for one message arrive close together; the store
/// re-applies the change when another writer got there first.
/// </summary>
public sealed class MeetingEventRecorder(IMeetingStore store, TimeProvider time, ILogger<MeetingEventRecorder> logger)
{
    /// <summary>Events kept per meeting; the oldest give way. The status is kept regardless.</summary>
    public const int MaxEvents = 100;

    public async Task<Outcome<EventOutcome>> RecordAsync(string meetingId, MeetingEvent meetingEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meetingEvent);
        var outcome = EventOutcome.Duplicate;
        var saved = await store.ChangeAsync(meetingId, record =>
        {
            outcome = record.Events.Any(e => e.SameAs(meetingEvent)) ? EventOutcome.Duplicate : EventOutcome.Recorded;
            return outcome == EventOutcome.Duplicate ? null : record with
            {
                Events = [.. record.Events.Append(meetingEvent).TakeLast(MaxEvents)],
                Status = MeetingStatusProgress.Next(record.Status, meetingEvent.Type),
                UpdatedAt = time.GetUtcNow(),
            };
        }, cancellationToken);
        if (saved is null)
        {
            return Failure.MeetingNotFound(meetingId);
        }

        if (outcome == EventOutcome.Recorded)
        {
            logger.LogInformation("Meeting {MeetingId}: {EventType} via {Channel} from {Source}; status {Status}",
                meetingId, meetingEvent.Type, meetingEvent.Channel ?? "(unknown)", meetingEvent.Source, saved.Status);
        }

        return outcome;
    }
}

public static class EventOutcomeNames
{
    /// <summary>How answers name the outcome: <c>recorded</c> or <c>duplicate</c>.</summary>
    public static string Name(this EventOutcome outcome) => outcome == EventOutcome.Recorded ? "recorded" : "duplicate";
}
