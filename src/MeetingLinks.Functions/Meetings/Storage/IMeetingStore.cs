namespace MeetingLinks.Meetings.Storage;

/// <summary>Meeting records and idempotency keys. Failures to reach storage surface as <see cref="StorageUnavailableException"/>.</summary>
public interface IMeetingStore
{
    /// <summary>
    /// Records <paramref name="candidate"/> for its key unless the key is already held (and not
    /// expired): then the stored claim comes back, with <see cref="IdempotencyClaim.IsNew"/> false.
    /// </summary>
    Task<IdempotencyClaim> ClaimKeyAsync(IdempotencyClaim candidate, CancellationToken cancellationToken);

    /// <summary>Inserts the record; when its id is already stored, returns what is stored instead.</summary>
    Task<StoredMeeting> AddAsync(MeetingRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces <paramref name="current"/> with <paramref name="updated"/> if nobody else changed it
    /// since it was read; otherwise returns the record as the other writer left it.
    /// </summary>
    Task<StoredMeeting> UpdateAsync(StoredMeeting current, MeetingRecord updated, CancellationToken cancellationToken);

    /// <summary>The record with its version, or null for an unknown (or malformed) id.</summary>
    Task<StoredMeeting?> GetAsync(string meetingId, CancellationToken cancellationToken);

    /// <summary>Whether the table answers; for readiness probes.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}

/// <summary>A record with the version it was read at, for optimistic concurrency.</summary>
public sealed record StoredMeeting(MeetingRecord Record, string Version);

/// <summary>An idempotency key (stored only as a SHA-256 digest) bound to one meeting and one request fingerprint.</summary>
public sealed record IdempotencyClaim(
    string KeyHash,
    string Fingerprint,
    string MeetingId,
    string Sub,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    bool IsNew);

public sealed class StorageUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
