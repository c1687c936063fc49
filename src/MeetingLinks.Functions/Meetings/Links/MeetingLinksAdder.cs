using System.Security.Cryptography;
using MeetingLinks.InstantConnect;
using MeetingLinks.Meetings.Create;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Notifications;
using MeetingLinks.Outcomes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Meetings.Links;

/// <summary>
/// More links for a meeting that has them already: another guest or host, or fresh links when the first expired.
/// The broker gives the same space for the meeting's stored <c>sub</c>. Each call's links are a batch on the record;
/// a key (per meeting) replays its batch without asking the broker again, and calls at once each keep their links:
/// the store appends again to what another call wrote first.
/// </summary>
public sealed class MeetingLinksAdder(
    IMeetingStore store,
    IInstantConnectClient broker,
    LinkCallBudget budget,
    INotificationOutbox outbox,
    IOptions<MeetingsOptions> options,
    TimeProvider time,
    ILogger<MeetingLinksAdder> logger)
{
    /// <summary>Links one meeting may hold, all calls together.</summary>
    public const int MaxLinks = 100;

    public Task<Outcome<MeetingLinksResponse>> AddAsync(string meetingId, ValidatedAddLinks request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return budget.RunAsync(token => AddWithinBudgetAsync(meetingId, request, token), cancellationToken);
    }

    private async Task<Outcome<MeetingLinksResponse>> AddWithinBudgetAsync(string meetingId, ValidatedAddLinks request, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(meetingId, cancellationToken) is not { } stored)
        {
            return Failure.MeetingNotFound(meetingId);
        }

        if (!stored.HasLinks)
        {
            return new Failure(FailureKind.Conflict, "meeting_not_ready", "The meeting has no links yet",
                "Its create failed or is still running. Retry the create with its idempotency key first.");
        }

        var now = time.GetUtcNow();
        var batch = "b-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var replay = false;
        if (request.IdempotencyKey is { } key)
        {
            var fingerprint = RequestFingerprint.Of(request);
            var claim = await store.ClaimKeyAsync(
                new IdempotencyClaim(RequestFingerprint.OfLinksKey(meetingId, key), fingerprint, meetingId, stored.Sub, now,
                    now + options.Value.IdempotencyKeyLifetime, IsNew: true) { Batch = batch },
                cancellationToken);
            if (claim.Fingerprint != fingerprint)
            {
                return new Failure(FailureKind.Conflict, "idempotency_conflict", "Idempotency key already used",
                    "This idempotency key was used on this meeting for a request with other parameters. Use a new key for new links.");
            }

            (batch, replay) = (claim.Batch ?? batch, !claim.IsNew);
            if (stored.Links.Any(l => l.Batch == batch))
            {
                logger.LogInformation("Replaying links {Batch} of meeting {MeetingId}", batch, meetingId);
                await outbox.NotifyIfPendingAsync(stored, batch, now, cancellationToken);
                return MeetingLinksResponse.For(stored, batch, replayed: true);
            }
        }

        if (WouldPassLimit(stored, request) is { } full)
        {
            return full;
        }

        var (validFrom, expiresAt) = request.Validity.Resolve(now);
        var asked = await broker.CreateLinksAsync(
            new MeetingLinkRequest(stored.Sub, request.Validity.From, expiresAt, request.Hosts, request.Guests,
                request.VerticalType, request.LoginUrlForHost, Devices: []),
            cancellationToken);
        if (!asked.TryGet(out var links, out var brokerFailure))
        {
            logger.LogWarning("Broker call for more links of meeting {MeetingId} failed: {Code}", meetingId, brokerFailure.Code);
            return brokerFailure;
        }

        var issuedAt = time.GetUtcNow();
        IssuedLink[] issued = [.. IssuedLink.From(links, validFrom, expiresAt, issuedAt, batch)];
        ExpertNotification[] notification = request.Expert is { } expert ? [ExpertNotification.Queued(batch, expert, issuedAt)] : [];
        // Beside the write, as for create: the sender waits for the links if it is faster.
        var notifying = outbox.NotifyIfPendingAsync(stored with { Links = [.. stored.Links, .. issued], Notifications = [.. stored.Notifications, .. notification] },
            batch, issuedAt, cancellationToken);

        // Another writer may come first: one that erased the meeting, stored this very batch (a duplicate of this call),
        // or added other links, which may leave no room for these.
        Failure? refused = null;
        var duplicate = false;
        var saved = await store.ChangeAsync(stored, current =>
        {
            duplicate = current.Links.Any(l => l.Batch == batch);
            refused = duplicate ? null : WouldPassLimit(current, request);
            return duplicate || refused is not null ? null : current with
            {
                Links = [.. current.Links, .. issued],
                Notifications = [.. current.Notifications, .. notification],
                UpdatedAt = time.GetUtcNow(),
            };
        }, cancellationToken);
        await notifying;
        if (saved is null)
        {
            return Failure.MeetingNotFound(meetingId);
        }

        if (refused is { } fullNow)
        {
            return fullNow;
        }

        logger.LogInformation("Meeting {MeetingId} gained {Hosts} host and {Guests} guest links ({Batch}), replayed: {Replayed}",
            meetingId, links.Hosts.Count, links.Guests.Count, batch, replay || duplicate);
        return MeetingLinksResponse.For(saved, batch, replay || duplicate);
    }

    private static Failure? WouldPassLimit(MeetingRecord record, ValidatedAddLinks request)
        => record.Links.Count + request.Hosts + request.Guests > MaxLinks
            ? new Failure(FailureKind.Conflict, "link_limit", "The meeting has as many links as it may hold",
                $"A meeting holds at most {MaxLinks} links; it has {record.Links.Count}. Create a new meeting instead.")
            : null;
}
