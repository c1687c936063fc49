using System.Net;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.Meetings.Storage;

/// <summary>
/// Table Storage layout, all in one table:
/// <list type="bullet">
/// <item>meetings: PartitionKey <c>m-yyyyMMdd</c> (UTC day created), RowKey the rest of the meeting id
/// (milliseconds left in the day + random tail), so a day lists newest first from one partition;</item>
/// <item>idempotency keys: PartitionKey <c>k-</c> + first two hex digits of the key's SHA-256, RowKey the
/// whole digest, so no caller-supplied character ever reaches a key;</item>
/// <item>phone entries: one partition per phone number (<see cref="PhoneIndex"/>), so a number's meetings are
/// found without reading anyone else's.</item>
/// </list>
/// </summary>
public sealed partial class TableMeetingStore(TableClient table, ILogger<TableMeetingStore> logger) : IMeetingStore
{
    private readonly SharedStart _tableCreation = new(() => table.CreateIfNotExistsAsync(CancellationToken.None));

    public Task<IdempotencyClaim> ClaimKeyAsync(IdempotencyClaim candidate, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(candidate);
            try
            {
                await table.AddEntityAsync(MeetingEntityMapper.ToEntity(candidate), cancellationToken);
                return candidate with { IsNew = true };
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
            {
                var stored = await table.GetEntityAsync<TableEntity>(
                    MeetingEntityMapper.KeyPartition(candidate.KeyHash), candidate.KeyHash, cancellationToken: cancellationToken);
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
                    var winner = await table.GetEntityAsync<TableEntity>(
                        MeetingEntityMapper.KeyPartition(candidate.KeyHash), candidate.KeyHash, cancellationToken: cancellationToken);
                    return MeetingEntityMapper.ToClaim(winner.Value);
                }
            }
        }, cancellationToken);

    public Task<StoredMeeting> AddAsync(MeetingRecord record, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            var entity = MeetingEntityMapper.ToEntity(record);
            if (record.CustomerPhone is { } phone)
            {
                // First the phone entry, then the meeting: a crash in between leaves an entry without a
                // meeting (harmless), never a meeting an erasure by phone number could not find.
                await table.UpsertEntityAsync(PhoneIndex.Entry(phone, record.MeetingId), TableUpdateMode.Replace, cancellationToken);
            }

            try
            {
                var response = await table.AddEntityAsync(entity, cancellationToken);
                return new StoredMeeting(record, response.Headers.ETag?.ToString() ?? string.Empty);
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
            {
                var stored = await table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
                return new StoredMeeting(MeetingEntityMapper.ToRecord(stored.Value), stored.Value.ETag.ToString());
            }
        }, cancellationToken);

    public Task<StoredMeeting> UpdateAsync(StoredMeeting current, MeetingRecord updated, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(current);
            var entity = MeetingEntityMapper.ToEntity(updated);
            try
            {
                var response = await table.UpdateEntityAsync(entity, new ETag(current.Version), TableUpdateMode.Replace, cancellationToken);
                return new StoredMeeting(updated, response.Headers.ETag?.ToString() ?? string.Empty);
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                var stored = await table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
                return new StoredMeeting(MeetingEntityMapper.ToRecord(stored.Value), stored.Value.ETag.ToString());
            }
        }, cancellationToken);

    public Task<StoredMeeting?> GetAsync(string meetingId, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            if (!MeetingIds.TryParse(meetingId, out var partitionKey, out var rowKey))
            {
                return null;
            }

            var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            return response.HasValue && response.Value is { } entity && MeetingEntityMapper.ToRecord(entity) is { IsErased: false } record
                ? new StoredMeeting(record, entity.ETag.ToString())
                : null;
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
