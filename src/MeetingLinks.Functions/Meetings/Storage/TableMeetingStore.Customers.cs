using System.Net;
using Azure;
using Azure.Data.Tables;

namespace MeetingLinks.Meetings.Storage;

/// <summary>Erasure and the phone number's own listing, both through the phone entries.</summary>
public sealed partial class TableMeetingStore
{
    // A lost race with another writer re-reads and tries again; this many times at most.
    private const int MaxEraseAttempts = 5;

    // Rows that say what was done to the table itself.
    private const string MarkerPartition = "meta";
    private const string PhoneIndexMarker = "phone-index-v1";

    public Task<MeetingRecord?> EraseAsync(string meetingId, DateTimeOffset erasedAt, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            if (!MeetingIds.TryParse(meetingId, out var partitionKey, out var rowKey))
            {
                return null;
            }

            for (var attempt = 1; attempt <= MaxEraseAttempts; attempt++)
            {
                var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
                if (!response.HasValue || response.Value is not { } entity)
                {
                    return null;
                }

                var record = MeetingEntityMapper.ToRecord(entity);
                if (record.IsErased)
                {
                    return null;
                }

                try
                {
                    await table.UpdateEntityAsync(
                        MeetingEntityMapper.ToEntity(MeetingEntityMapper.Tombstone(meetingId, erasedAt)), entity.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
                {
                    continue;
                }

                await ForgetAsync(record, cancellationToken);
                return record;
            }

            throw new StorageUnavailableException($"Meeting {meetingId} kept changing while it was erased.");
        }, cancellationToken);

    public Task<IReadOnlyList<MeetingRecord>> ErasePhoneAsync(string phone, DateTimeOffset erasedAt, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            var erased = new List<MeetingRecord>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PhoneIndex.Partition(phone)}");
            await foreach (var entry in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "MeetingId"], cancellationToken: cancellationToken))
            {
                if (await EraseAsync(entry.GetString("MeetingId"), erasedAt, cancellationToken) is { } record)
                {
                    erased.Add(record);
                }
                else
                {
                    // The meeting was erased or purged already and its entry outlived it.
                    await DeleteIfExistsAsync(entry.PartitionKey, entry.RowKey, cancellationToken);
                }
            }

            return (IReadOnlyList<MeetingRecord>)erased;
        }, cancellationToken);

    public Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListPhoneAsync(
        string phone, DateOnly firstDay, DateOnly lastDay, MeetingFilter filter, string? continuation, int maxItems, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            var entries = table.QueryAsync<TableEntity>(PhoneIndex.Filter(phone, firstDay, lastDay), maxItems, ["MeetingId"], cancellationToken);
            await foreach (var page in entries.AsPages(continuation, maxItems))
            {
                var found = await Task.WhenAll(page.Values.Select(e => GetAsync(e.GetString("MeetingId"), cancellationToken)));
                IReadOnlyList<MeetingRecord> items = [.. found
                    .Where(m => m is not null)
                    .Select(m => m!.Record)
                    .Where(filter.Matches)];
                return (items, page.ContinuationToken);
            }

            return ((IReadOnlyList<MeetingRecord>)[], (string?)null);
        }, cancellationToken);

    public Task<int> IndexPhonesOnceAsync(CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            var marker = await table.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, PhoneIndexMarker, ["RowKey"], cancellationToken);
            if (marker.HasValue)
            {
                return 0;
            }

            // Reads every stored meeting once, in the life of the table; meetings created meanwhile index themselves.
            var added = 0;
            var meetings = TableClient.CreateQueryFilter($"PartitionKey ge {"m-"} and PartitionKey lt {"m."} and Kind eq {MeetingEntityMapper.MeetingKind}");
            await foreach (var meeting in table.QueryAsync<TableEntity>(meetings, 1000, ["PartitionKey", "RowKey", "CustomerPhone"], cancellationToken))
            {
                if (meeting.GetString("CustomerPhone") is { } phone)
                {
                    await table.UpsertEntityAsync(PhoneIndex.Entry(phone, meeting.PartitionKey[2..] + "-" + meeting.RowKey), TableUpdateMode.Replace, cancellationToken);
                    added++;
                }
            }

            await table.UpsertEntityAsync(new TableEntity(MarkerPartition, PhoneIndexMarker) { ["Kind"] = "marker" }, TableUpdateMode.Replace, cancellationToken);
            return added;
        }, cancellationToken);

    /// <summary>After the tombstone: the phone entry and the idempotency key lose what they knew of the meeting.</summary>
    private async Task ForgetAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        if (record.CustomerPhone is { } phone)
        {
            var entry = PhoneIndex.Entry(phone, record.MeetingId);
            await DeleteIfExistsAsync(entry.PartitionKey, entry.RowKey, cancellationToken);
        }

        if (record.KeyHash is { } keyHash)
        {
            var stored = await table.GetEntityIfExistsAsync<TableEntity>(MeetingEntityMapper.KeyPartition(keyHash), keyHash, cancellationToken: cancellationToken);
            if (stored.HasValue && stored.Value is { } key && MeetingEntityMapper.ToClaim(key) is { } claim && claim.MeetingId == record.MeetingId)
            {
                await table.UpsertEntityAsync(MeetingEntityMapper.ToEntity(claim with { Erased = true }), TableUpdateMode.Replace, cancellationToken);
            }
        }
    }

    private async Task DeleteIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            // Gone already.
        }
    }
}
