namespace MeetingLinks.Experts;

/// <summary>
/// The deadline of a chain's step (timer kind <c>deadline</c>, by the step's id): when it surfaces and the step still waits
/// with nobody joined, the step has timed out and the visit is passed on; for a visit's first step still queued, its time to
/// begin has come. A deadline whose step ended (or moved on) meanwhile drops itself.
/// </summary>
public sealed class ExpertDeadlines(IMeetingStore store, INotificationOutbox outbox, ExpertChain chain, TimeProvider time, ILogger<ExpertDeadlines> logger)
    : ITimerKind
{
    public const string KindName = "deadline";

    public string Name => KindName;

    public async Task FireAsync(NotificationMessage timer, CancellationToken cancellationToken)
    {
        var passedOn = false;
        await outbox.ChangeAndQueueAsync(store, timer.MeetingId, current =>
        {
            var next = chain.Due(current, timer.Id, time.GetUtcNow(), timer.DueAt);
            passedOn = next is not null;
            return next;
        }, cancellationToken);
        if (passedOn)
        {
            logger.LogInformation("Meeting {MeetingId}: the time of step {Step} came; started or passed on", timer.MeetingId, timer.Id);
        }
        else
        {
            logger.LogInformation("Meeting {MeetingId}: the deadline of step {Step} found the step ended; nothing to do", timer.MeetingId, timer.Id);
        }
    }
}
