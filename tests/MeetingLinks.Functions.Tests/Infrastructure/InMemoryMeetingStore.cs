using System.Collections.Concurrent;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Storage;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>The store's contract in memory, with switches to make each operation fail.</summary>
public sealed class InMemoryMeetingStore : IMeetingStore
{
    private readonly ConcurrentDictionary<string, IdempotencyClaim> _claims = new();
    private readonly ConcurrentDictionary<string, StoredMeeting> _meetings = new();
    private readonly Lock _gate = new();
    private int _version;

    public bool FailClaims { get; set; }

    public bool FailAdds { get; set; }

    /// <summary>Number of upcoming updates that fail as if storage went away.</summary>
    public int FailNextUpdates { get; set; }

    public IReadOnlyCollection<MeetingRecord> Meetings => [.. _meetings.Values.Select(m => m.Record)];

    public Task<IdempotencyClaim> ClaimKeyAsync(IdempotencyClaim candidate, CancellationToken cancellationToken)
    {
        ThrowIf(FailClaims);
        lock (_gate)
        {
            if (_claims.TryGetValue(candidate.KeyHash, out var stored) && stored.ExpiresAt > candidate.CreatedAt)
            {
                return Task.FromResult(stored);
            }

            _claims[candidate.KeyHash] = candidate with { IsNew = false };
            return Task.FromResult(candidate with { IsNew = true });
        }
    }

    public Task<StoredMeeting> AddAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        ThrowIf(FailAdds);
        return Task.FromResult(_meetings.GetOrAdd(record.MeetingId, _ => new StoredMeeting(record, NextVersion())));
    }

    public Task<StoredMeeting> UpdateAsync(StoredMeeting current, MeetingRecord updated, CancellationToken cancellationToken)
    {
        if (FailNextUpdates > 0)
        {
            FailNextUpdates--;
            ThrowIf(true);
        }

        lock (_gate)
        {
            var stored = _meetings[updated.MeetingId];
            if (stored.Version != current.Version)
            {
                return Task.FromResult(stored);
            }

            var replacement = new StoredMeeting(updated, NextVersion());
            _meetings[updated.MeetingId] = replacement;
            return Task.FromResult(replacement);
        }
    }

    public Task<StoredMeeting?> GetAsync(string meetingId, CancellationToken cancellationToken)
        => Task.FromResult(_meetings.TryGetValue(meetingId, out var stored) && !stored.Record.IsErased ? stored : null);

    public Task<MeetingRecord?> EraseAsync(string meetingId, DateTimeOffset erasedAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_meetings.TryGetValue(meetingId, out var stored) || stored.Record.IsErased)
            {
                return Task.FromResult<MeetingRecord?>(null);
            }

            _meetings[meetingId] = new StoredMeeting(stored.Record with { ErasedAt = erasedAt, CustomerPhone = null, CustomerName = null }, NextVersion());
            if (stored.Record.KeyHash is { } keyHash && _claims.TryGetValue(keyHash, out var claim))
            {
                _claims[keyHash] = claim with { Erased = true, Fingerprint = string.Empty };
            }

            return Task.FromResult<MeetingRecord?>(stored.Record);
        }
    }

    public async Task<IReadOnlyList<MeetingRecord>> ErasePhoneAsync(string phone, DateTimeOffset erasedAt, CancellationToken cancellationToken)
    {
        var erased = new List<MeetingRecord>();
        foreach (var id in _meetings.Values.Where(m => m.Record.CustomerPhone == phone).Select(m => m.Record.MeetingId).ToList())
        {
            if (await EraseAsync(id, erasedAt, cancellationToken) is { } record)
            {
                erased.Add(record);
            }
        }

        return erased;
    }

    // Listing and retention are tested against Azurite; the creator never calls them.
    public Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListDayAsync(
        DateOnly day, MeetingFilter filter, string? continuation, int maxItems, CancellationToken cancellationToken)
        => throw new NotSupportedException();

    public Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListPhoneAsync(
        string phone, DateOnly firstDay, DateOnly lastDay, MeetingFilter filter, string? continuation, int maxItems, CancellationToken cancellationToken)
        => throw new NotSupportedException();

    public Task<int> DeleteMeetingsBeforeAsync(DateOnly firstDayKept, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<int> IndexPhonesOnceAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<int> DeleteExpiredKeysAsync(DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(!FailClaims && !FailAdds);

    /// <summary>Changes a stored record behind the caller's back, as a concurrent writer would.</summary>
    public void Overwrite(MeetingRecord record)
    {
        lock (_gate)
        {
            _meetings[record.MeetingId] = new StoredMeeting(record, NextVersion());
        }
    }

    private string NextVersion() => Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void ThrowIf(bool fail)
    {
        if (fail)
        {
            throw new StorageUnavailableException("Table storage did not answer.");
        }
    }
}
