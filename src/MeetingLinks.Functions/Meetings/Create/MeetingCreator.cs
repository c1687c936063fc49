namespace MeetingLinks.Meetings.Create;

/// <summary>
/// Creates a meeting so that no failure loses one and no retry makes a second: the <c>sub</c> is stored (with the key's claim) before
/// the broker is called, a retry reuses it — the broker returns the same space for the same <c>sub</c> — and the links go onto the
/// record only if no duplicate put its own there first, so concurrent duplicates all answer with the one set of links that won.
/// </summary>
public sealed class MeetingCreator(
    IMeetingStore store, LinkIssuer issuer, IOptions<ExpertsOptions> experts, IOptions<Visits.VisitsOptions> visits, TimeProvider time,
    ILogger<MeetingCreator> logger)
{
    public Task<Outcome<MeetingLinksResponse>> CreateAsync(ValidatedCreate request, CancellationToken cancellationToken)
        => issuer.WithinBudgetAsync(token => CreateWithinBudgetAsync(request, token), cancellationToken);

    private async Task<Outcome<MeetingLinksResponse>> CreateWithinBudgetAsync(ValidatedCreate request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var meetingId = MeetingIds.New(now);
        var sub = MeetingIds.NewSub();
        var replay = false;
        var keyHash = request.IdempotencyKey is { } key ? RequestFingerprint.OfKey(key) : null;
        if (keyHash is not null)
        {
            var claimed = await issuer.ClaimAsync(keyHash, RequestFingerprint.Of(request), meetingId, sub, batch: null, "a new meeting", cancellationToken);
            if (!claimed.TryGet(out var claim, out var refused))
            {
                return refused;
            }

            (meetingId, sub, replay) = (claim.MeetingId, claim.Sub, !claim.IsNew);
        }

        // Every log line of this create carries the meeting id and the caller's request id (as telemetry dimensions too).
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["MeetingId"] = meetingId,
            ["RequestId"] = request.IdempotencyKey ?? "(none)",
        });
        var stored = await store.AddAsync(NewRecord(request, meetingId, sub, keyHash, now), cancellationToken);
        if (stored.IsErased)
        {
            return issuer.Erased(meetingId);
        }

        var issued = await issuer.IssueAsync(
            stored,
            IssuedLink.CreateBatch,
            new MeetingLinkRequest(stored.Sub, Validity(request, now).From, stored.ExpiresAt, request.Hosts, request.Guests,
                request.VerticalType, request.LoginUrlForHost, request.Devices),
            stored.ValidFrom,
            // The chain's first expert is asked, and the retry window of the message starts, once there are links to send.
            (current, links, issuedAt) => ExpertChain.Begin(current with
            {
                Status = MeetingStatus.Created,
                UpdatedAt = issuedAt,
                Links = links,
                LastError = null,
            }, issuedAt, visits.Value.ExpertNoticeSpan),
            cancellationToken);
        if (!issued.TryGet(out var batch, out var brokerFailure))
        {
            return await BrokerFailedAsync(stored, brokerFailure, cancellationToken);
        }

        if (batch.Record is not { } saved)
        {
            return issuer.Erased(meetingId);
        }

        // A replay, or another attempt with the same key that stored its links first: answer with those.
        replay |= batch.Duplicate;
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "Meeting {MeetingId} created for {Phone} via {Channel} with {Hosts} host and {Guests} guest links, replayed: {Replayed}",
                meetingId, PhoneNumberNormalizer.Mask(saved.CustomerPhone), saved.Channel ?? "(unspecified)",
                saved.HostUrls.Count, saved.GuestUrls.Count, replay);
        }

        return MeetingLinksResponse.For(saved, IssuedLink.CreateBatch, replay);
    }

    private MeetingRecord NewRecord(ValidatedCreate request, string meetingId, string sub, string? keyHash, DateTimeOffset now)
    {
        var (validFrom, expiresAt) = Validity(request, now).Resolve(now);
        return new MeetingRecord
        {
            MeetingId = meetingId,
            Sub = sub,
            CreatedAt = now,
            UpdatedAt = now,
            Status = MeetingStatus.Pending,
            Reference = request.Reference,
            Subject = request.Subject,
            CustomerName = request.CustomerName,
            CustomerPhone = request.Phone,
            Channel = request.Channel,
            Hosts = request.Hosts,
            Guests = request.Guests,
            ValidFrom = validFrom,
            ExpiresAt = expiresAt,
            VerticalType = request.VerticalType,
            LoginUrlForHost = request.LoginUrlForHost,
            Devices = request.Devices,
            KeyHash = keyHash,
            RequestId = request.IdempotencyKey,
            Notifications = ExpertChain.Plan(IssuedLink.CreateBatch, request.Experts, now),
            ExpertWait = request.Experts.Count > 0 ? request.AnswerWithin ?? experts.Value.DefaultAnswerWithin : null,
            StartsAt = request.Visit?.StartsAt,
            DurationMinutes = request.Visit?.DurationMinutes,
            VisitReminders = request.Visit?.Plan(now) ?? [],
        };
    }

    /// <summary>When the links are valid: as asked, and for a visit booked ahead the window around it (<see cref="Visits.Visit.Window"/>).</summary>
    private LinkValidity Validity(ValidatedCreate request, DateTimeOffset now)
        => request.Visit is { } visit ? visit.Window(request.Validity, visits.Value, now) : request.Validity;

    private async Task<Failure> BrokerFailedAsync(MeetingRecord stored, Failure failure, CancellationToken cancellationToken)
    {
        // Best effort: ops see why the meeting has no links; the answer to the flow does not depend on it.
        try
        {
            // Unless a duplicate of this create stored its links meanwhile, or the meeting was cancelled.
            var status = failure.Kind == FailureKind.UpstreamRejected ? MeetingStatus.Rejected : MeetingStatus.Pending;
            await store.ChangeAsync(stored, current => current.HasLinks || current.IsCancelled ? null : current with
            {
                Status = status,
                LastError = failure.Code,
                UpdatedAt = time.GetUtcNow(),
            }, cancellationToken);
        }
        catch (Exception e) when (e is StorageUnavailableException or OperationCanceledException)
        {
            logger.LogWarning("Could not record the broker failure on meeting {MeetingId}", stored.MeetingId);
        }

        return failure;
    }
}
