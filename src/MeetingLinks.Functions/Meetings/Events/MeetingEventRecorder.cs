namespace MeetingLinks.Meetings.Events;

/// <summary>
/// Adds an event to a meeting and advances its status. Each event is a row of its own, so receipts that arrive together
/// never contend; only an event that moves the status on (a few in a meeting's life) changes the meeting itself.
/// </summary>
public sealed class MeetingEventRecorder(IMeetingStore store, TimeProvider time, ILogger<MeetingEventRecorder> logger)
{
    public async Task<Outcome<EventOutcome>> RecordAsync(string meetingId, MeetingEvent meetingEvent, CancellationToken cancellationToken)
    {
        if (await store.AddEventAsync(meetingId, meetingEvent, cancellationToken) is not { } stored)
        {
            return Failure.MeetingNotFound(meetingId);
        }

        var (meeting, added) = stored;
        // A repeated event still makes sure the status moved: the first report may have stopped between its two writes.
        var saved = await store.ChangeAsync(meeting, current => MeetingStatus.Next(current.Status, meetingEvent.Type) is var next && next != current.Status
            ? current with { Status = next, UpdatedAt = time.GetUtcNow() }
            : null, cancellationToken);
        if (saved is null)
        {
            return Failure.MeetingNotFound(meetingId);
        }

        if (added)
        {
            logger.LogInformation("Meeting {MeetingId}: {EventType} via {Channel} from {Source}; status {Status}",
                meetingId, meetingEvent.Type, meetingEvent.Channel ?? "(unknown)", meetingEvent.Source, saved.Status);
        }

        return added ? EventOutcome.Recorded : EventOutcome.Duplicate;
    }
}

public static class EventOutcomeNames
{
    /// <summary>How answers name the outcome: <c>recorded</c> or <c>duplicate</c>.</summary>
    public static string Name(this EventOutcome outcome) => outcome == EventOutcome.Recorded ? "recorded" : "duplicate";
}
