namespace MeetingLinks.Meetings.Visits;

/// <summary>
/// Moves a visit: links for the new window on the meeting's <c>sub</c> (a batch of their own in <c>links</c>, as more links
/// are), its reminders planned again (the old timers find their time gone and drop themselves), its experts told, and the
/// flow hears <c>visit.rescheduled</c> with the new start and a guest link valid then. A meeting that started now can be given
/// a start too. Idempotent per meeting, as more links are; a cancelled meeting answers <c>409 meeting_cancelled</c>.
/// </summary>
public sealed class VisitRescheduler(
    LinkIssuer issuer, FlowEvents flow, IOptions<VisitsOptions> options, IOptions<InstantConnectOptions> broker, TimeProvider time,
    ILogger<VisitRescheduler> logger)
{
    /// <summary>How the id of every batch of links a reschedule issues begins (<c>r-5d1c9a03e27f</c>).</summary>
    public const string BatchPrefix = "r-";

    public Task<Outcome<MeetingLinksResponse>> RescheduleAsync(string meetingId, ValidatedReschedule request, CancellationToken cancellationToken)
        => issuer.WithinBudgetAsync(token => RescheduleWithinBudgetAsync(meetingId, request, token), cancellationToken);

    private async Task<Outcome<MeetingLinksResponse>> RescheduleWithinBudgetAsync(string meetingId, ValidatedReschedule request, CancellationToken cancellationToken)
    {
        var opened = await issuer.OpenBatchAsync(meetingId, request.IdempotencyKey, RequestFingerprint.Of(request), BatchPrefix, "another reschedule", cancellationToken);
        if (!opened.TryGet(out var open, out var refused))
        {
            return refused;
        }

        var (stored, batch, replay) = open;
        var now = time.GetUtcNow();
        var window = request.Visit.Window(new LinkValidity(null, null, broker.Value.LinkLifetime), options.Value, now);
        var (validFrom, expiresAt) = window.Resolve(now);
        var issued = await issuer.IssueAsync(
            stored,
            batch,
            new MeetingLinkRequest(stored.Sub, window.From, expiresAt, stored.Hosts, Math.Max(1, stored.Guests),
                stored.VerticalType, stored.LoginUrlForHost, Devices: []),
            validFrom,
            (current, links, issuedAt) => Moved(current, links, request.Visit, batch, issuedAt),
            cancellationToken);
        if (!issued.TryGet(out var moved, out var failure))
        {
            return failure;
        }

        if (moved.Record is not { } saved)
        {
            return Failure.MeetingNotFound(meetingId);
        }

        logger.LogInformation("Meeting {MeetingId} moved to {StartsAt:o} with links {Batch}, replayed: {Replayed}",
            meetingId, request.Visit.StartsAt, batch, replay || moved.Duplicate);
        return MeetingLinksResponse.For(saved, batch, replay || moved.Duplicate);
    }

    private MeetingRecord Moved(MeetingRecord current, IssuedLink[] links, Visit visit, string batch, DateTimeOffset now)
    {
        var next = current with
        {
            Links = [.. current.Links, .. links],
            StartsAt = visit.StartsAt,
            DurationMinutes = visit.DurationMinutes,
            VisitReminders = visit.Plan(now),
            UpdatedAt = now,
        };
        var hostUrl = links.FirstOrDefault(l => l.Kind == IssuedLink.Host)?.Url;
        next = ExpertChain.Moved(next, batch, hostUrl, now, options.Value.ExpertNoticeSpan);
        return flow.Add(next, $"rescheduled-{batch}", FlowEvent.Rescheduled, now);
    }
}
