namespace MeetingLinks.Meetings;

/// <summary>
/// What a create and a call for more links share: the time budget (<c>Meetings__CreateBudget</c>, well inside Webex Connect's
/// 20 s), the idempotency gate (claim, replay, conflict, an erased meeting's key), and issuing a batch of links: the broker call
/// for the meeting's <c>sub</c>, the batch written onto the record unless a duplicate stored it first, its expert's message queued.
/// </summary>
public sealed class LinkIssuer(
    IMeetingStore store, IInstantConnectClient broker, INotificationOutbox outbox, IOptions<MeetingsOptions> options, TimeProvider time,
    ILogger<LinkIssuer> logger)
{
    /// <summary>Links one meeting may hold, all calls together.</summary>
    public const int MaxLinks = 100;

    /// <summary>Runs <paramref name="call"/> with a token that ends when the budget does; running out is a 504.</summary>
    public async Task<Outcome<T>> WithinBudgetAsync<T>(Func<CancellationToken, Task<Outcome<T>>> call, CancellationToken cancellationToken)
        where T : notnull
    {
        var limit = options.Value.CreateBudget;
        using var budget = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            return await call(linked.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("A call for links ran out of its budget of {BudgetSeconds} s", limit.TotalSeconds);
            return Failure.TimedOut($"No answer within {limit.TotalSeconds:0.#} s. Try again with the same idempotency key.");
        }
    }

    /// <summary>
    /// Claims <paramref name="keyHash"/> for the meeting (and batch) for <c>Meetings__IdempotencyKeyLifetime</c>: the claim holding the key
    /// (this one or an earlier call's), or why the call must not go on (meeting erased, other parameters; <paramref name="use"/> names
    /// what a new key is for).
    /// </summary>
    public async Task<Outcome<IdempotencyClaim>> ClaimAsync(
        string keyHash, string fingerprint, string meetingId, string sub, string? batch, string use, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claim = await store.ClaimKeyAsync(
            new IdempotencyClaim(keyHash, fingerprint, meetingId, sub, now, now + options.Value.IdempotencyKeyLifetime, IsNew: true, Batch: batch),
            cancellationToken);
        if (claim.Erased)
        {
            return Erased(claim.MeetingId);
        }

        if (claim.Fingerprint != fingerprint)
        {
            logger.LogInformation("Idempotency key reused with other parameters (meeting {MeetingId})", claim.MeetingId);
            return new Failure(FailureKind.Conflict, ProblemCodes.IdempotencyConflict, "Idempotency key already used",
                $"This idempotency key was used for a request with other parameters. Use a new key for {use}.");
        }

        return claim;
    }

    /// <summary>
    /// The start of a call that adds a batch of links to a meeting that has links (more links, a reschedule): the meeting as stored
    /// and the batch this call issues, new (<paramref name="prefix"/> and a random tail) or, for a <paramref name="key"/> used before
    /// on this meeting, the batch that call claimed (<c>Replay</c>). An unknown meeting is a 404, one without links yet a 409.
    /// </summary>
    public async Task<Outcome<(MeetingRecord Stored, string Batch, bool Replay)>> OpenBatchAsync(
        string meetingId, string? key, string fingerprint, string prefix, string use, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(meetingId, cancellationToken) is not { } stored)
        {
            return Failure.MeetingNotFound(meetingId);
        }

        if (!stored.HasLinks)
        {
            return new Failure(FailureKind.Conflict, ProblemCodes.MeetingNotReady, "The meeting has no links yet",
                "Its create failed or is still running. Retry the create with its idempotency key first.");
        }

        var batch = prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        if (key is null)
        {
            return (stored, batch, false);
        }

        var claimed = await ClaimAsync(RequestFingerprint.OfLinksKey(meetingId, key), fingerprint, meetingId, stored.Sub, batch, use, cancellationToken);
        return claimed.Then<(MeetingRecord, string, bool)>(claim => (stored, claim.Batch ?? batch, !claim.IsNew));
    }

    /// <summary>The answer to a key whose meeting was erased: it is not brought back.</summary>
    public Failure Erased(string meetingId)
    {
        logger.LogInformation("Idempotency key of erased meeting {MeetingId} replayed; not created again", meetingId);
        return new Failure(FailureKind.Gone, ProblemCodes.Erased, "The meeting was erased",
            "The meeting of this idempotency key was erased at the customer's request. Use a new key for a new meeting.");
    }

    /// <summary>
    /// Issues <paramref name="batch"/>: unless the record holds it already (a replay, or a call at the same time: <c>Duplicate</c>,
    /// and its expert's message is queued again in case a crash came before) or the meeting may take no more (cancelled, or <see cref="MaxLinks"/> reached), asks the broker
    /// for <paramref name="ask"/>, applies <paramref name="write"/> to what is stored now, then queues the expert's message.
    /// A broker failure comes back as the flow should read it; a meeting erased meanwhile as a null record.
    /// </summary>
    public async Task<Outcome<(MeetingRecord? Record, bool Duplicate)>> IssueAsync(MeetingRecord stored, string batch, MeetingLinkRequest ask,
        DateTimeOffset validFrom, Func<MeetingRecord, IssuedLink[], DateTimeOffset, MeetingRecord> write, CancellationToken cancellationToken)
    {
        if (stored.Links.Any(l => l.Batch == batch))
        {
            logger.LogInformation("Replaying links {Batch} of meeting {MeetingId}", batch, stored.MeetingId);
            // Its messages only: the timers were put with the first call's change, and the sweep finds any a crash lost.
            await outbox.QueueAsync(stored.OpenWork.Where(w => !w.IsTimer && stored.Notifications.Any(n => n.Batch == batch && n.Id == w.Id)), cancellationToken);
            return (stored, true);
        }

        if (Refusal(stored, ask) is { } refused)
        {
            return refused;
        }

        if (!(await broker.CreateLinksAsync(ask, cancellationToken)).TryGet(out var links, out var brokerFailure))
        {
            logger.LogWarning("Broker call for links {Batch} of meeting {MeetingId} failed: {Code}", batch, stored.MeetingId, brokerFailure.Code);
            return brokerFailure;
        }

        var issuedAt = time.GetUtcNow();
        IssuedLink[] issued = [.. IssuedLink.From(links, validFrom, ask.ExpiresAt, issuedAt, batch)];

        // The expert's message (and a chain's first deadline) is queued once the record holds the links it sends, so the sender
        // always finds them. A crash in between is caught by a replay of the call (above) or by the sweep of open work.
        var duplicate = false;
        Failure? refusedNow = null;
        var saved = await outbox.ChangeAndQueueAsync(store, stored, current =>
        {
            duplicate = current.Links.Any(l => l.Batch == batch);
            refusedNow = duplicate ? null : Refusal(current, ask);
            return duplicate || refusedNow is not null ? null : write(current, issued, issuedAt);
        }, cancellationToken);

        return refusedNow ?? (Outcome<(MeetingRecord?, bool)>)(saved, duplicate);
    }

    // A cancelled meeting takes no links, not even a retried create's (it stays cancelled), and no meeting holds more than MaxLinks.
    private static Failure? Refusal(MeetingRecord record, MeetingLinkRequest ask)
    {
        if (record.IsCancelled)
        {
            return Failure.Cancelled(record.MeetingId);
        }

        if (record.Links.Count + ask.Hosts + ask.Guests > MaxLinks)
        {
            return new Failure(FailureKind.Conflict, ProblemCodes.LinkLimit, "The meeting has as many links as it may hold",
                $"A meeting holds at most {MaxLinks} links; it has {record.Links.Count}. Create a new meeting instead.");
        }

        return null;
    }
}
