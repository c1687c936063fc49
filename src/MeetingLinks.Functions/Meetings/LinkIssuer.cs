namespace MeetingLinks.Meetings;

/// <summary>
/// What a create and a call for more links share, said once: the time budget (<c>Meetings__CreateBudget</c>, well
/// inside Webex Connect's 20 s), the idempotency gate (claim, replay, conflict, an erased meeting's key), and issuing a
/// batch of links: the broker call for the meeting's <c>sub</c>, and the batch written onto the record unless a
/// duplicate of the call stored it first, with the expert's message for it queued.
/// </summary>
public sealed class LinkIssuer(
    IMeetingStore store,
    IInstantConnectClient broker,
    INotificationOutbox outbox,
    IOptions<MeetingsOptions> options,
    TimeProvider time,
    ILogger<LinkIssuer> logger)
{
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
    /// Claims <paramref name="keyHash"/> for the meeting (and the batch, for more links) for <c>Meetings__IdempotencyKeyLifetime</c>:
    /// the claim that holds the key comes back (this one, or the one of an earlier call with it), or why the call must not
    /// go on: the key's meeting was erased, or the key came with other parameters. <paramref name="use"/> says what a new
    /// key gets the caller, for the conflict's detail.
    /// </summary>
    public async Task<Outcome<IdempotencyClaim>> ClaimAsync(
        string keyHash, string fingerprint, string meetingId, string sub, string? batch, string use, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claim = await store.ClaimKeyAsync(
            new IdempotencyClaim(keyHash, fingerprint, meetingId, sub, now, now + options.Value.IdempotencyKeyLifetime, IsNew: true) { Batch = batch },
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

    /// <summary>The answer to a key whose meeting was erased: it is not brought back.</summary>
    public Failure Erased(string meetingId)
    {
        logger.LogInformation("Idempotency key of erased meeting {MeetingId} replayed; not created again", meetingId);
        return new Failure(FailureKind.Gone, ProblemCodes.Erased, "The meeting was erased",
            "The meeting of this idempotency key was erased at the customer's request. Use a new key for a new meeting.");
    }

    /// <summary>
    /// Issues the batch <see cref="LinkBatch.Batch"/> for the meeting <see cref="LinkBatch.Stored"/>: when the record holds
    /// it already (a replay), queues its expert's message again (a crash may have come between the write and the queue)
    /// and answers it as a duplicate; otherwise, unless <see cref="LinkBatch.Refuse"/> says no, asks the broker and writes
    /// the links with <see cref="LinkBatch.Write"/>, onto whatever other writers stored meanwhile, and then queues the
    /// expert's message for them. A broker failure comes back as the flow should read it; a meeting erased meanwhile as a
    /// null record.
    /// </summary>
    public async Task<Outcome<IssuedBatch>> IssueAsync(LinkBatch request, CancellationToken cancellationToken)
    {
        var (stored, batch) = (request.Stored, request.Batch);
        if (stored.Links.Any(l => l.Batch == batch))
        {
            logger.LogInformation("Replaying links {Batch} of meeting {MeetingId}", batch, stored.MeetingId);
            await outbox.NotifyIfPendingAsync(stored, batch, cancellationToken);
            return new IssuedBatch(stored, Duplicate: true);
        }

        if (request.Refuse?.Invoke(stored) is { } refused)
        {
            return refused;
        }

        if (!(await broker.CreateLinksAsync(request.Ask, cancellationToken)).TryGet(out var links, out var brokerFailure))
        {
            logger.LogWarning("Broker call for links {Batch} of meeting {MeetingId} failed: {Code}", batch, stored.MeetingId, brokerFailure.Code);
            return brokerFailure;
        }

        var issuedAt = time.GetUtcNow();
        IssuedLink[] issued = [.. IssuedLink.From(links, request.ValidFrom, request.Ask.ExpiresAt, issuedAt, batch)];

        var duplicate = false;
        Failure? refusedNow = null;
        var saved = await store.ChangeAsync(stored, current =>
        {
            duplicate = current.Links.Any(l => l.Batch == batch);
            refusedNow = duplicate ? null : request.Refuse?.Invoke(current);
            return duplicate || refusedNow is not null ? null : request.Write(current, issued, issuedAt);
        }, cancellationToken);

        // The expert's message is queued once the record holds the links it sends, so the sender always finds them. A
        // crash in between is caught by a replay of the call (above) or by ops sending it again.
        if (saved is not null && refusedNow is null && !duplicate)
        {
            await outbox.NotifyIfPendingAsync(saved, batch, cancellationToken);
        }

        return refusedNow ?? (Outcome<IssuedBatch>)new IssuedBatch(saved, duplicate);
    }
}

/// <summary>A batch of links to issue for a stored meeting.</summary>
/// <param name="Stored">The meeting as read.</param>
/// <param name="Batch">The batch's id: <see cref="IssuedLink.CreateBatch"/>, or an add-links call's.</param>
/// <param name="Ask">What the broker is asked for (the meeting's <c>sub</c>, counts, validity).</param>
/// <param name="ValidFrom">When the links start to be valid, as the record keeps it.</param>
/// <param name="Write">The record with the issued links on it, from the record as it is when written.</param>
/// <param name="Refuse">Why the batch may not be added to the record as it is (a limit), or null.</param>
public sealed record LinkBatch(
    MeetingRecord Stored,
    string Batch,
    MeetingLinkRequest Ask,
    DateTimeOffset ValidFrom,
    Func<MeetingRecord, IssuedLink[], DateTimeOffset, MeetingRecord> Write,
    Func<MeetingRecord, Failure?>? Refuse = null);

/// <param name="Record">The record with the batch; null when the meeting was erased meanwhile.</param>
/// <param name="Duplicate">Another call (a replay, or a duplicate at the same time) had stored the batch.</param>
public sealed record IssuedBatch(MeetingRecord? Record, bool Duplicate);
