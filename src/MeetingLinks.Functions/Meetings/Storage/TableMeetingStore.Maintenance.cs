using Azure.Data.Tables;

namespace MeetingLinks.Meetings.Storage;

/// <summary>Listing and retention: queries stay inside the partitions they are about.</summary>
public sealed partial class TableMeetingStore
{
    // A transaction may hold at most 100 operations, all in one partition.
    private const int MaxBatch = 100;

    public Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListDayAsync(
        DateOnly day, MeetingFilter filter, string? continuation, int maxItems, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            var query = TableClient.CreateQueryFilter($"PartitionKey eq {MeetingIds.PartitionOf(day)} and Kind eq {"meeting"}");
            if (filter.Phone is { } phone)
            {
                query += " and " + TableClient.CreateQueryFilter($"CustomerPhone eq {phone}");
            }

            if (filter.Reference is { } reference)
            {
                query += " and " + TableClient.CreateQueryFilter($"Reference eq {reference}");
            }

            if (filter.Status is { } status)
            {
                query += " and " + TableClient.CreateQueryFilter($"Status eq {status}");
            }

            await foreach (var page in table.QueryAsync<TableEntity>(query, maxItems, cancellationToken: cancellationToken)
                .AsPages(continuation, maxItems))
            {
                IReadOnlyList<MeetingRecord> items = [.. page.Values.Select(MeetingEntityMapper.ToRecord)];
                return (items, page.ContinuationToken);
            }

            return ((IReadOnlyList<MeetingRecord>)[], (string?)null);
        }, cancellationToken);

    public Task<int> DeleteMeetingsBeforeAsync(DateOnly firstDayKept, CancellationToken cancellationToken)
        => DeleteWhereAsync(
            TableClient.CreateQueryFilter($"PartitionKey ge {"m-"} and PartitionKey lt {MeetingIds.PartitionOf(firstDayKept)}"),
            cancellationToken);

    public Task<int> DeleteExpiredKeysAsync(DateTimeOffset now, CancellationToken cancellationToken)
        => DeleteWhereAsync(
            TableClient.CreateQueryFilter($"PartitionKey ge {"k-"} and PartitionKey lt {"k."} and ExpiresAt lt {now}"),
            cancellationToken);

    /// <summary>Deletes matching rows in single-partition batches of at most 100, as Azure requires.</summary>
    private Task<int> DeleteWhereAsync(string filter, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            var deleted = 0;
            var batch = new List<TableTransactionAction>(MaxBatch);
            string? partition = null;
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, MaxBatch * 10, ["PartitionKey", "RowKey"], cancellationToken))
            {
                if (batch.Count == MaxBatch || (partition is not null && entity.PartitionKey != partition))
                {
                    deleted += await SubmitAsync(batch, cancellationToken);
                }

                partition = entity.PartitionKey;
                batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, Azure.ETag.All));
            }

            return deleted + await SubmitAsync(batch, cancellationToken);
        }, cancellationToken);

    private async Task<int> SubmitAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        await table.SubmitTransactionAsync(batch, cancellationToken);
        var count = batch.Count;
        batch.Clear();
        return count;
    }
}
