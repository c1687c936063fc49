namespace MeetingLinks.Meetings.Visits;

/// <summary>
/// Cancels a meeting: status <c>cancelled</c>, its reminders dropped, its experts stopped and told in their cards' threads,
/// and the flow hears <c>visit.cancelled</c>, once. Cancelling again changes nothing. Instant Connect links are signed
/// tokens that cannot be revoked, so the links keep working until they expire; the flow tells the customer.
/// </summary>
public sealed class VisitCanceller(IMeetingStore store, INotificationOutbox outbox, FlowEvents flow, TimeProvider time, ILogger<VisitCanceller> logger)
{
    public const int MaxReasonLength = 200;

    public static Outcome<ValidatedCancel> Validate(CancelRequest request)
    {
        var errors = new ValidationErrors();
        var reason = errors.Text("reason", request.Reason, MaxReasonLength);
        return errors.Or(ProblemCodes.InvalidRequest, () => new ValidatedCancel(reason));
    }

    public async Task<Outcome<CancelAnswer>> CancelAsync(string meetingId, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cancelled = false;
        var saved = await outbox.ChangeAndQueueAsync(store, meetingId, current =>
        {
            cancelled = !current.IsCancelled;
            return cancelled ? Cancel(current, reason, now) : null;
        }, cancellationToken);
        if (saved is null)
        {
            return Failure.MeetingNotFound(meetingId);
        }

        if (cancelled)
        {
            logger.LogInformation("Meeting {MeetingId} cancelled", meetingId);
        }

        return new CancelAnswer(saved.MeetingId, saved.Status, saved.CancelledAt!.Value, saved.CancelReason, Replayed: !cancelled);
    }

    private MeetingRecord Cancel(MeetingRecord record, string? reason, DateTimeOffset now)
    {
        var next = ExpertChain.Cancel(record, now) with
        {
            Status = MeetingStatus.Cancelled,
            CancelledAt = now,
            CancelReason = reason,
            UpdatedAt = now,
            VisitReminders = [.. record.VisitReminders.Select(r => r.Status == VisitReminder.Planned ? r with { Status = VisitReminder.Dropped } : r)],
        };
        return flow.Add(next, "cancelled", FlowEvent.Cancelled, now);
    }
}
