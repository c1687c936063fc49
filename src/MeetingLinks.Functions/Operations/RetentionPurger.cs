namespace MeetingLinks.Operations;

/// <summary>Removes meetings past their retention and idempotency keys past their lifetime.</summary>
public sealed class RetentionPurger(IMeetingStore store, IOptions<MeetingsOptions> options, TimeProvider time, ILogger<RetentionPurger> logger)
{
    public async Task<PurgeReport> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var days = options.Value.RetentionDays;

        // Whole UTC days: a meeting is kept for at least RetentionDays, at most one day more.
        var firstDayKept = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-days);
        var meetings = await store.DeleteMeetingsBeforeAsync(firstDayKept, cancellationToken);
        var keys = await store.DeleteExpiredKeysAsync(now, cancellationToken);
        logger.LogInformation(
            "Retention purge removed {Meetings} meetings created before {FirstDayKept} ({RetentionDays} days) and {Keys} expired idempotency keys",
            meetings, firstDayKept, days, keys);
        return new PurgeReport(meetings, keys, firstDayKept);
    }
}

public sealed record PurgeReport(int MeetingsDeleted, int KeysDeleted, DateOnly FirstDayKept);
