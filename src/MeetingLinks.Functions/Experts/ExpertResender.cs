namespace MeetingLinks.Experts;

/// <summary>Queues the meeting's latest expert message again, for ops: same links, same or corrected address, a fresh retry window.</summary>
public sealed class ExpertResender(IMeetingStore store, INotificationOutbox outbox, TimeProvider time, ILogger<ExpertResender> logger)
{
    // An attempt takes at most Webex__RequestTimeout (a minute at most) and the writes around it.
    private static readonly TimeSpan InProgressRetryAfter = TimeSpan.FromSeconds(30);

    public static Outcome<ResendTarget> Validate(NotifyRequest request)
    {
        var errors = new ValidationErrors();
        var target = ExpertTarget.From(errors, request.Expert);
        return errors.Or(ProblemCodes.InvalidRequest, () => new ResendTarget(target));
    }

    public async Task<Outcome<NotifyAnswer>> ResendAsync(string meetingId, ExpertTarget? to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Failure? refused = null;
        ExpertNotification? queued = null;
        var record = await store.ChangeAsync(meetingId, current =>
        {
            var latest = current.Notifications.LastOrDefault(n => n.IsStarted);
            var batch = latest?.Batch ?? current.Links.LastOrDefault(l => l.Kind == IssuedLink.Host)?.Batch;
            refused = (latest, to, batch) switch
            {
                (null, null, _) => new Failure(FailureKind.Conflict, ProblemCodes.NoExpert, "The meeting has no expert to send to",
                    "No expert was named for this meeting: name one in the body as expert, with email, personId or roomId."),
                (_, _, null) => new Failure(FailureKind.Conflict, ProblemCodes.NoHostLink, "The meeting has no host link to send",
                    "Add a host link first (POST /api/meetings/{id}/links with hosts 1), with the expert in that call."),
                ({ Delivery.SendingBy: not null }, _, _) => new Failure(FailureKind.Conflict, ProblemCodes.NotificationInProgress,
                    "The message is being sent right now", "Look at the record again in a minute.", InProgressRetryAfter),
                _ => null,
            };
            if (refused is not null)
            {
                return null;
            }

            // A step of the chain keeps its place and outcome: the message goes again, the chain is not started again.
            queued = latest is null
                ? ExpertNotification.Queued(batch!, to!, now)
                : latest with { Target = to ?? latest.Target, Delivery = Delivery.Queued(now, latest.Delivery.Attempts) };
            return current with
            {
                Notifications = latest is null ? [.. current.Notifications, queued] : [.. current.Notifications.Select(n => n.Id == latest.Id ? queued : n)],
            };
        }, cancellationToken);

        if (record is null)
        {
            return Failure.MeetingNotFound(meetingId);
        }

        if (refused is not null || queued is null)
        {
            return refused ?? Failure.Unexpected();
        }

        await outbox.EnqueueAsync(new NotificationMessage(meetingId, ExpertMessages.KindName, queued.Id), null, cancellationToken);
        logger.LogInformation("Expert message for meeting {MeetingId} ({Id}) queued again by ops, to {Expert}", meetingId, queued.Id, queued.Target.Masked);
        return new NotifyAnswer(meetingId, queued.View());
    }
}

/// <summary>Whom to send to: null means the same expert as before.</summary>
public sealed record ResendTarget(ExpertTarget? Target);
