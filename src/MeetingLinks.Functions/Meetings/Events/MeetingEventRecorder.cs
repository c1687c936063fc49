using MeetingLinks.Meetings.Storage;
using MeetingLinks.Outcomes;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.Meetings.Events;

/// <summary>
/// Adds an event to a meeting and advances its status, with optimistic concurrency: receipts for
/// one message arrive close together, so a lost race re-reads and tries again.
/// </summary>
public sealed class MeetingEventRecorder(IMeetingStore store, TimeProvider time, ILogger<MeetingEventRecorder> logger)
{
    /// <summary>Events kept per meeting; the oldest give way. The status is kept regardless.</summary>
    public const int MaxEvents = 100;

    private const int MaxAttempts = 5;

    public async Task<Outcome<EventOutcome>> RecordAsync(string meetingId, MeetingEvent meetingEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meetingEvent);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await store.GetAsync(meetingId, cancellationToken) is not { } stored)
            {
                return Failure.MeetingNotFound(meetingId);
            }

            var record = stored.Record;
            if (record.Events.Any(e => e.SameAs(meetingEvent)))
            {
                return EventOutcome.Duplicate;
            }

            var updated = record with
            {
                Events = [.. record.Events.Append(meetingEvent).TakeLast(MaxEvents)],
                Status = MeetingStatusProgress.Next(record.Status, meetingEvent.Type),
                UpdatedAt = time.GetUtcNow(),
            };
            var saved = await store.UpdateAsync(stored, updated, cancellationToken);
            if (ReferenceEquals(saved.Record, updated))
            {
                logger.LogInformation("Meeting {MeetingId}: {EventType} via {Channel} from {Source}; status {Status}",
                    meetingId, meetingEvent.Type, meetingEvent.Channel ?? "(unknown)", meetingEvent.Source, updated.Status);
                return EventOutcome.Recorded;
            }
        }

        throw new StorageUnavailableException($"Meeting {meetingId} kept changing while an event was recorded.");
    }
}

public static class EventOutcomeNames
{
    /// <summary>How answers name the outcome: <c>recorded</c> or <c>duplicate</c>.</summary>
    public static string Name(this EventOutcome outcome) => outcome == EventOutcome.Recorded ? "recorded" : "duplicate";
}
