using System.Collections.Concurrent;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Events;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Notifications;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>The store's contract in memory, with switches to make each operation fail.</summary>
public sealed class InMemoryMeetingStore : IMeetingStore
{
    private readonly ConcurrentDictionary<string, IdempotencyClaim> _claims = new();
    private readonly ConcurrentDictionary<string, MeetingRecord> _meetings = new();
    private readonly List<(string MeetingId, MeetingEvent Event)> _events = [];
    private readonly ConcurrentDictionary<(string MeetingId, string Kind, string Id), DateTimeOffset> _openWork = new();
    private readonly Lock _gate = new();

    /// <summary>The clock the index of open work counts from.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>The index of open work as the table store keeps it: each item and since when it counts as open.</summary>
    public IReadOnlyDictionary<(string MeetingId, string Kind, string Id), DateTimeOffset> OpenWorkIndex => _openWork;

    public bool FailClaims { get; set; }

    public bool FailAdds { get; set; }

    /// <summary>Number of upcoming changes that fail as if storage went away.</summary>
    public int FailNextUpdates { get; set; }

    public IReadOnlyCollection<MeetingRecord> Meetings => [.. _meetings.Values];

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

    public Task<MeetingRecord> AddAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        ThrowIf(FailAdds);
        Index(null, record);
        return Task.FromResult(_meetings.GetOrAdd(record.MeetingId, record));
    }

    /// <summary>
    /// As the table store: the change applies to the record as stored; when <paramref name="read"/> is no longer what is
    /// stored (another writer came first), it is applied again to what is, as often as it takes.
    /// </summary>
    public Task<MeetingRecord?> ChangeAsync(MeetingRecord read, Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken)
    {
        if (FailNextUpdates > 0)
        {
            FailNextUpdates--;
            ThrowIf(true);
        }

        lock (_gate)
        {
            if (!_meetings.TryGetValue(read.MeetingId, out var current) || current.IsErased)
            {
                return Task.FromResult<MeetingRecord?>(null);
            }

            if (change(current) is not { } updated)
            {
                return Task.FromResult<MeetingRecord?>(current);
            }

            Index(current, updated);
            _meetings[read.MeetingId] = updated;
            return Task.FromResult<MeetingRecord?>(updated);
        }
    }

    public Task<IReadOnlyList<NotificationMessage>> FindOpenWorkAsync(DateTimeOffset openBefore, int maxItems, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<NotificationMessage>>(
            [.. _openWork.Where(w => w.Value < openBefore).Take(maxItems).Select(w => new NotificationMessage(w.Key.MeetingId, w.Key.Kind, w.Key.Id))]);

    public Task KeepOpenWorkAsync(NotificationMessage work, DateTimeOffset since, CancellationToken cancellationToken)
    {
        _openWork[(work.MeetingId, work.Kind, work.Id)] = since;
        return Task.CompletedTask;
    }

    public Task ForgetOpenWorkAsync(NotificationMessage work, CancellationToken cancellationToken)
    {
        _openWork.TryRemove((work.MeetingId, work.Kind, work.Id), out _);
        return Task.CompletedTask;
    }

    /// <summary>As the table store keeps its index: rows for what a change opens, none for what it settles.</summary>
    private void Index(MeetingRecord? before, MeetingRecord after)
    {
        var was = before?.OpenWork.Concat(before.PlannedWork).Select(w => (w.MeetingId, w.Kind, w.Id)).ToHashSet() ?? [];
        var now = after.OpenWork.Concat(after.PlannedWork).ToList();
        foreach (var work in now.Where(w => !was.Contains((w.MeetingId, w.Kind, w.Id))))
        {
            _openWork[(work.MeetingId, work.Kind, work.Id)] = work.DueAt ?? Time.GetUtcNow();
        }

        foreach (var settled in was.Where(w => !now.Any(n => (n.MeetingId, n.Kind, n.Id) == w)))
        {
            _openWork.TryRemove(settled, out _);
        }
    }

    public async Task<MeetingRecord?> ChangeAsync(string meetingId, Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken)
        => await GetAsync(meetingId, cancellationToken) is { } read ? await ChangeAsync(read, change, cancellationToken) : null;

    public Task<MeetingRecord?> GetAsync(string meetingId, CancellationToken cancellationToken)
        => Task.FromResult(_meetings.TryGetValue(meetingId, out var stored) && !stored.IsErased ? stored : null);

    public async Task<MeetingRecord?> GetWithEventsAsync(string meetingId, CancellationToken cancellationToken)
        => await GetAsync(meetingId, cancellationToken) is { } record
            ? record with { Events = [.. _events.Where(e => e.MeetingId == meetingId).Select(e => e.Event)] }
            : null;

    /// <summary>As the table store: the event in a list of its own, once; the meeting untouched.</summary>
    public async Task<(MeetingRecord Meeting, bool Added)?> AddEventAsync(string meetingId, MeetingEvent meetingEvent, CancellationToken cancellationToken)
    {
        if (await GetAsync(meetingId, cancellationToken) is not { } meeting)
        {
            return null;
        }

        lock (_gate)
        {
            var added = !_events.Contains((meetingId, meetingEvent), SameEvent.Instance);
            if (added)
            {
                _events.Add((meetingId, meetingEvent));
            }

            return (meeting, added);
        }
    }

    public Task<MeetingRecord?> EraseAsync(string meetingId, DateTimeOffset erasedAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_meetings.TryGetValue(meetingId, out var stored) || stored.IsErased)
            {
                return Task.FromResult<MeetingRecord?>(null);
            }

            _meetings[meetingId] = stored with { ErasedAt = erasedAt, CustomerPhone = null, CustomerName = null };
            if (stored.KeyHash is { } keyHash && _claims.TryGetValue(keyHash, out var claim))
            {
                _claims[keyHash] = claim with { Erased = true, Fingerprint = string.Empty };
            }

            return Task.FromResult<MeetingRecord?>(stored);
        }
    }

    public async Task<IReadOnlyList<MeetingRecord>> ErasePhoneAsync(string phone, DateTimeOffset erasedAt, CancellationToken cancellationToken)
    {
        var erased = new List<MeetingRecord>();
        foreach (var id in _meetings.Values.Where(m => m.CustomerPhone == phone).Select(m => m.MeetingId).ToList())
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

    public Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListDayOutlinesAsync(
        DateOnly day, string? continuation, CancellationToken cancellationToken)
        => throw new NotSupportedException();

    public Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListStartDayAsync(
        DateOnly day, MeetingFilter filter, string? continuation, int maxItems, CancellationToken cancellationToken)
        => throw new NotSupportedException();

    public Task<int> DeleteMeetingsBeforeAsync(DateOnly firstDayKept, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<int> DeleteExpiredKeysAsync(DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(!FailClaims && !FailAdds);

    /// <summary>Changes a stored record behind the caller's back, as a concurrent writer would.</summary>
    public void Overwrite(MeetingRecord record)
    {
        lock (_gate)
        {
            _meetings[record.MeetingId] = record;
        }
    }

    /// <summary>The same event as the table store tells it: everything but the times.</summary>
    private sealed class SameEvent : IEqualityComparer<(string MeetingId, MeetingEvent Event)>
    {
        public static readonly SameEvent Instance = new();

        public bool Equals((string MeetingId, MeetingEvent Event) x, (string MeetingId, MeetingEvent Event) y)
            => x.MeetingId == y.MeetingId && x.Event with { OccurredAt = default, ReceivedAt = default } == y.Event with { OccurredAt = default, ReceivedAt = default };

        public int GetHashCode((string MeetingId, MeetingEvent Event) obj) => obj.MeetingId.GetHashCode(StringComparison.Ordinal);
    }

    private static void ThrowIf(bool fail)
    {
        if (fail)
        {
            throw new StorageUnavailableException("Table storage did not answer.");
        }
    }
}
