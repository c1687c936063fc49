namespace MeetingLinks.Meetings.Links;

/// <summary>
/// More links for a meeting that has them already: another guest or host, or fresh links when the first expired, in the same space
/// (the meeting's stored <c>sub</c>). Each call's links are a batch on the record; a key (per meeting) replays its batch without
/// asking the broker again, and calls at once each keep their links: the store appends again to what another call wrote first.
/// </summary>
public sealed class MeetingLinksAdder(LinkIssuer issuer, TimeProvider time, ILogger<MeetingLinksAdder> logger)
{
    public Task<Outcome<MeetingLinksResponse>> AddAsync(string meetingId, ValidatedAddLinks request, CancellationToken cancellationToken)
        => issuer.WithinBudgetAsync(token => AddWithinBudgetAsync(meetingId, request, token), cancellationToken);

    private async Task<Outcome<MeetingLinksResponse>> AddWithinBudgetAsync(string meetingId, ValidatedAddLinks request, CancellationToken cancellationToken)
    {
        var opened = await issuer.OpenBatchAsync(meetingId, request.IdempotencyKey, RequestFingerprint.Of(request), "b-", "new links", cancellationToken);
        if (!opened.TryGet(out var open, out var refused))
        {
            return refused;
        }

        var (stored, batch, replay) = open;
        var (validFrom, expiresAt) = request.Validity.Resolve(time.GetUtcNow());
        var issued = await issuer.IssueAsync(
            stored,
            batch,
            new MeetingLinkRequest(stored.Sub, request.Validity.From, expiresAt, request.Hosts, request.Guests,
                request.VerticalType, request.LoginUrlForHost, Devices: []),
            validFrom,
            (current, links, issuedAt) => current with
            {
                Links = [.. current.Links, .. links],
                Notifications = request.Expert is { } expert
                    ? [.. current.Notifications, ExpertNotification.Queued(batch, expert, issuedAt)]
                    : current.Notifications,
                UpdatedAt = issuedAt,
            },
            cancellationToken);
        if (!issued.TryGet(out var added, out var failure))
        {
            return failure;
        }

        if (added.Record is not { } saved)
        {
            return Failure.MeetingNotFound(meetingId);
        }

        logger.LogInformation("Meeting {MeetingId} has links {Batch} ({Hosts} host, {Guests} guest asked), replayed: {Replayed}",
            meetingId, batch, request.Hosts, request.Guests, replay || added.Duplicate);
        return MeetingLinksResponse.For(saved, batch, replay || added.Duplicate);
    }
}
