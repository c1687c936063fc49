using MeetingLinks.InstantConnect;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Notifications;
using MeetingLinks.Outcomes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Meetings.Create;

/// <summary>
/// Creates a meeting so that no failure loses one and no retry makes a second: the <c>sub</c> is
/// stored (with the key's claim) before the broker is called, a retry reuses it — the broker returns
/// the same space for the same <c>sub</c> — and the links are written with If-Match, so concurrent
/// duplicates all answer with the one record that won.
/// </summary>
public sealed class MeetingCreator(
    IMeetingStore store,
    IInstantConnectClient broker,
    LinkCallBudget budget,
    INotificationOutbox outbox,
    IOptions<MeetingsOptions> meetingsOptions,
    TimeProvider time,
    ILogger<MeetingCreator> logger)
{
    public Task<Outcome<MeetingLinksResponse>> CreateAsync(ValidatedCreate request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return budget.RunAsync(token => CreateWithinBudgetAsync(request, token), cancellationToken);
    }

    private async Task<Outcome<MeetingLinksResponse>> CreateWithinBudgetAsync(ValidatedCreate request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var meetingId = MeetingIds.New(now);
        var sub = MeetingIds.NewSub();
        var replay = false;
        var keyHash = request.IdempotencyKey is { } key ? RequestFingerprint.OfKey(key) : null;

        if (keyHash is not null)
        {
            var fingerprint = RequestFingerprint.Of(request);
            var claim = await store.ClaimKeyAsync(
                new IdempotencyClaim(keyHash, fingerprint, meetingId, sub, now, now + meetingsOptions.Value.IdempotencyKeyLifetime, IsNew: true),
                cancellationToken);
            if (claim.Erased)
            {
                return Erased(claim.MeetingId);
            }

            if (claim.Fingerprint != fingerprint)
            {
                logger.LogInformation("Idempotency key reused with other parameters (meeting {MeetingId})", claim.MeetingId);
                return new Failure(FailureKind.Conflict, "idempotency_conflict", "Idempotency key already used",
                    "This idempotency key was used for a request with other parameters. Use a new key for a new meeting.");
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
            return Erased(meetingId);
        }

        if (stored.HasLinks)
        {
            // A crash may have come between storing the links and queueing the expert's message.
            logger.LogInformation("Replaying meeting {MeetingId}", meetingId);
            await outbox.NotifyIfPendingAsync(stored, IssuedLink.CreateBatch, now, cancellationToken);
            return ToResponse(stored, replayed: true);
        }

        var asked = await broker.CreateLinksAsync(
            new MeetingLinkRequest(stored.Sub, request.Validity.From, stored.ExpiresAt, request.Hosts,
                request.Guests, request.VerticalType, request.LoginUrlForHost, request.Devices),
            cancellationToken);
        if (!asked.TryGet(out var links, out var brokerFailure))
        {
            return await BrokerFailedAsync(stored, brokerFailure, cancellationToken);
        }

        var issuedAt = time.GetUtcNow();
        MeetingRecord WithLinks(MeetingRecord current) => current with
        {
            Status = MeetingStatus.Created,
            UpdatedAt = issuedAt,
            Links = [.. IssuedLink.From(links, current.ValidFrom, current.ExpiresAt, issuedAt, IssuedLink.CreateBatch)],
            Notifications = ExpertNotification.Replace(current.Notifications, IssuedLink.CreateBatch,
                n => n.Status == ExpertNotification.Sent ? n : ExpertNotification.Queued(n.Batch, n.Target, issuedAt) with { Attempts = n.Attempts }),
            LastError = null,
        };

        // The expert's message goes on the queue beside the write, so it costs the flow no time; the sender waits
        // for the links if it is faster than the write. Another attempt with the same key may write between this
        // read and the write (its links, or its broker failure): the links go onto what it wrote, unless it has links.
        var notifying = outbox.NotifyIfPendingAsync(WithLinks(stored), IssuedLink.CreateBatch, issuedAt, cancellationToken);
        MeetingRecord? ours = null;
        var saved = await store.ChangeAsync(stored, current => current.HasLinks ? null : ours = WithLinks(current), cancellationToken);
        await notifying;
        if (saved is null)
        {
            return Erased(meetingId);
        }

        // Another attempt with the same key stored its links first: answer with those.
        replay |= !ReferenceEquals(saved, ours);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "Meeting {MeetingId} created for {Phone} via {Channel} with {Hosts} host and {Guests} guest links, replayed: {Replayed}",
                meetingId, PhoneNumberNormalizer.Mask(saved.CustomerPhone), saved.Channel ?? "(unspecified)",
                saved.HostUrls.Count, saved.GuestUrls.Count, replay);
        }
        return ToResponse(saved, replay);
    }

    private Failure Erased(string meetingId)
    {
        logger.LogInformation("Idempotency key of erased meeting {MeetingId} replayed; not created again", meetingId);
        return new Failure(FailureKind.Gone, "erased", "The meeting was erased",
            "The meeting of this idempotency key was erased at the customer's request. Use a new key for a new meeting.");
    }

    private static MeetingRecord NewRecord(ValidatedCreate request, string meetingId, string sub, string? keyHash, DateTimeOffset now)
    {
        var (validFrom, expiresAt) = request.Validity.Resolve(now);
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
            Notifications = request.Expert is { } expert ? [ExpertNotification.Queued(IssuedLink.CreateBatch, expert, now)] : [],
        };
    }

    private async Task<Failure> BrokerFailedAsync(MeetingRecord stored, Failure failure, CancellationToken cancellationToken)
    {
        logger.LogWarning("Broker call for meeting {MeetingId} failed: {Code}", stored.MeetingId, failure.Code);

        // Best effort: ops see why the meeting has no links; the answer to the flow does not depend on it.
        try
        {
            // Unless a duplicate of this create stored its links meanwhile.
            var status = failure.Kind == FailureKind.UpstreamRejected ? MeetingStatus.Rejected : MeetingStatus.Pending;
            await store.ChangeAsync(stored, current => current.HasLinks ? null : current with
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

    private static MeetingLinksResponse ToResponse(MeetingRecord record, bool replayed)
        => MeetingLinksResponse.For(record, IssuedLink.CreateBatch, replayed);

}
