using System.Runtime.CompilerServices;

namespace MeetingLinks.Meetings.Storage;

/// <summary>
/// The meetings in Table Storage, in the layout src/README.md writes down (Storage, version 1): meetings by day, keys by
/// their digest, phone entries by the number's digest, all in one table.
/// </summary>
public sealed partial class TableMeetingStore(TableClient table, TimeProvider time, ILogger<TableMeetingStore> logger) : IMeetingStore
{
    private readonly SharedStart _tableCreation = new(() => table.CreateIfNotExistsAsync(CancellationToken.None));

    // The ETag each record this store gave out was read at: callers hand records back to change them and never see
    // an ETag. A record nobody holds any more is forgotten with it.
    private readonly ConditionalWeakTable<MeetingRecord, string> _versions = [];

    // Changes to one meeting from this process take turns; the loop below is for writers elsewhere.
    private readonly MeetingGate _gate = new();

    /// <summary>Events shown per meeting, the latest; every event is kept.</summary>
    public const int MaxEventsShown = 100;

    /// <summary>Writes a change tries before it gives up; together they wait about 1.3 s at the very most.</summary>
    public const int MaxChangeAttempts = 10;

    public Task<IdempotencyClaim> ClaimKeyAsync(IdempotencyClaim candidate, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            if (await TryAddAsync(MeetingEntityMapper.ToEntity(candidate), cancellationToken) is not null)
            {
                return candidate with { IsNew = true };
            }

            var stored = await ReadClaimAsync();
            var claim = MeetingEntityMapper.ToClaim(stored.Value);
            if (claim.ExpiresAt > candidate.CreatedAt)
            {
                return claim;
            }

            // The key outlived its retention: it now starts a new meeting. If-Match makes sure
            // two callers reviving the same key at once still end up with one meeting.
            try
            {
                await table.UpdateEntityAsync(MeetingEntityMapper.ToEntity(candidate), stored.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return candidate with { IsNew = true };
            }
            catch (RequestFailedException race) when (race.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                return MeetingEntityMapper.ToClaim((await ReadClaimAsync()).Value);
            }

            Task<Response<TableEntity>> ReadClaimAsync() => table.GetEntityAsync<TableEntity>(
                MeetingEntityMapper.KeyPartition(candidate.KeyHash), candidate.KeyHash, cancellationToken: cancellationToken);
        }, cancellationToken);

    public Task<MeetingRecord> AddAsync(MeetingRecord record, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            var entity = MeetingEntityMapper.ToEntity(record);

            // First the phone entry, the start day's row and the rows of the work the meeting plans (all at once), then the
            // meeting: a crash in between leaves entries or rows without a meeting (harmless), never a meeting an erasure by
            // phone number or the day's listing could not find, or work without its row.
            var phoneEntry = record.CustomerPhone is { } phone
                ? table.UpsertEntityAsync(PhoneIndex.Entry(phone, record.MeetingId), TableUpdateMode.Replace, cancellationToken)
                : Task.CompletedTask;
            var startEntry = record.StartsAt is { } startsAt
                ? table.UpsertEntityAsync(StartDayIndex.Entry(record.MeetingId, startsAt), TableUpdateMode.Replace, cancellationToken)
                : Task.CompletedTask;
            await Task.WhenAll(phoneEntry, startEntry, OpenRowsAsync(null, record, cancellationToken));
            if (await TryAddAsync(entity, cancellationToken) is { } added)
            {
                return Versioned(record, added.Headers.ETag);
            }

            var stored = await table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            return Versioned(MeetingEntityMapper.ToRecord(stored.Value), stored.Value.ETag);
        }, cancellationToken);

    public async Task<MeetingRecord?> GetAsync(string meetingId, CancellationToken cancellationToken)
        => await GuardAsync(() => ReadAsync(meetingId, cancellationToken), cancellationToken) is { IsErased: false } read ? read : null;

    public async Task<MeetingRecord?> ChangeAsync(string meetingId, Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken)
        => await GetAsync(meetingId, cancellationToken) is { } read ? await ChangeAsync(read, change, cancellationToken) : null;

    public Task<MeetingRecord?> ChangeAsync(MeetingRecord read, Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            using var turn = await _gate.EnterAsync(read.MeetingId, cancellationToken);
            var current = !turn.Waited && _versions.TryGetValue(read, out _) ? read : await ReadAsync(read.MeetingId, cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                if (current is null or { IsErased: true })
                {
                    return null;
                }

                if (change(current) is not { } updated)
                {
                    return current;
                }

                _versions.TryGetValue(current, out var version);
                try
                {
                    // The index of open work is written around the change: rows for what it opens before, rows of what it settles after.
                    await OpenRowsAsync(current, updated, cancellationToken);
                    if (updated.StartsAt != current.StartsAt && updated.StartsAt is { } startsAt)
                    {
                        await table.UpsertEntityAsync(StartDayIndex.Entry(updated.MeetingId, startsAt), TableUpdateMode.Replace, cancellationToken);
                    }

                    var response = await table.UpdateEntityAsync(
                        MeetingEntityMapper.ToEntity(updated), new ETag(version ?? string.Empty), TableUpdateMode.Replace, cancellationToken);
                    await CloseRowsAsync(current, updated, cancellationToken);
                    return Versioned(updated, response.Headers.ETag);
                }
                catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
                {
                    if (attempt == MaxChangeAttempts)
                    {
                        throw new StorageUnavailableException($"Meeting {read.MeetingId} kept changing while it was updated.");
                    }

                    // Another instance wrote first: wait a random time up to a ceiling that doubles from 10 ms to at most
                    // 320 ms (so writers that collided spread out), then start again from what it wrote.
                    var ceiling = Math.Min(10 * Math.Pow(2, attempt - 1), 320);
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), time, cancellationToken);
                    current = await ReadAsync(read.MeetingId, cancellationToken);
                }
            }
        }, cancellationToken);

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A point read of a row that never exists: one cheap round trip that proves the table answers.
            await GuardAsync(async () => await table.GetEntityIfExistsAsync<TableEntity>("health", "probe", ["PartitionKey"], cancellationToken), cancellationToken);
            return true;
        }
        catch (StorageUnavailableException)
        {
            return false;
        }
    }

    /// <summary>The meeting as stored (a tombstone too), or null for an unknown or malformed id.</summary>
    private async Task<MeetingRecord?> ReadAsync(string meetingId, CancellationToken cancellationToken)
    {
        if (!MeetingIds.TryParse(meetingId, out var partitionKey, out var rowKey))
        {
            return null;
        }

        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity
            ? Versioned(MeetingEntityMapper.ToRecord(entity), entity.ETag)
            : null;
    }

    /// <summary>Inserts <paramref name="row"/>; null when a row with its keys is there already.</summary>
    private async Task<Response?> TryAddAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            return await table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    private MeetingRecord Versioned(MeetingRecord record, ETag? version)
    {
        _versions.AddOrUpdate(record, version?.ToString() ?? string.Empty);
        return record;
    }

    /// <summary>Creates the table on first use and turns every way of not reaching storage into one exception.</summary>
    private async Task<T> GuardAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            await _tableCreation.WaitAsync(cancellationToken);
            return await operation();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (StorageAccess.IsOutage(ex))
        {
            logger.LogWarning("Table storage is unavailable: {Reason}", Describe(ex));
            throw new StorageUnavailableException("Table storage did not answer.", ex);
        }
    }

    // The SDK's messages can be long and include request details; the status and type are enough.
    private static string Describe(Exception ex) => ex switch
    {
        RequestFailedException rfe => $"status {rfe.Status} {rfe.ErrorCode}",
        AggregateException agg => string.Join("; ", agg.InnerExceptions.Select(Describe).Distinct()),
        _ => ex.GetType().Name,
    };
}
