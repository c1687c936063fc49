namespace MeetingLinks.Meetings.Visits;

/// <summary>
/// A visit's reminders (timer kind <c>reminder</c>, by how long before the start, due at its time): when one surfaces and the
/// record still plans it at that time, the flow hears <c>visit.reminder</c>, once; one later than <c>Visits__ReminderGrace</c>
/// (the service was down) is recorded as missed and not sent. A reminder whose visit moved or was cancelled drops itself.
/// </summary>
public sealed class VisitReminders(
    IMeetingStore store, INotificationOutbox outbox, FlowEvents flow, IOptions<VisitsOptions> options, TimeProvider time, ILogger<VisitReminders> logger)
    : ITimerKind
{
    public const string KindName = "reminder";

    public string Name => KindName;

    public async Task FireAsync(NotificationMessage timer, CancellationToken cancellationToken)
    {
        string? outcome = null;
        await outbox.ChangeAndQueueAsync(store, timer.MeetingId, current =>
        {
            outcome = null;
            if (current.VisitReminders.FirstOrDefault(r => r.Id == timer.Id && r.DueAt == timer.DueAt && r.Status == VisitReminder.Planned) is not { } due)
            {
                return null;
            }

            var now = time.GetUtcNow();
            outcome = now - due.DueAt > options.Value.ReminderGraceSpan ? VisitReminder.Missed : VisitReminder.Sent;
            var next = current with { VisitReminders = [.. current.VisitReminders.Select(r => r == due ? r with { Status = outcome } : r)] };
            return outcome == VisitReminder.Missed
                ? next
                : flow.Add(next, $"reminder-{due.Id}-{due.DueAt.ToUnixTimeSeconds()}", FlowEvent.Reminder, now, remindBefore: due.Id);
        }, cancellationToken);

        if (outcome is null)
        {
            logger.LogInformation("Meeting {MeetingId}: reminder {Before} due at {DueAt:o} is no longer planned; nothing to do", timer.MeetingId, timer.Id, timer.DueAt);
            return;
        }

        logger.LogInformation("Meeting {MeetingId}: reminder {Before} due at {DueAt:o} {Outcome}", timer.MeetingId, timer.Id, timer.DueAt, outcome);
    }
}
