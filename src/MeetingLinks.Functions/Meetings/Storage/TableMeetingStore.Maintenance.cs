namespace MeetingLinks.Meetings.Storage;

/// <summary>Listing and retention: queries stay inside the partitions they are about.</summary>
public sealed partial class TableMeetingStore
{
    // A transaction may hold at most 100 operations, all in one partition.
    private const int MaxBatch = 100;

    // A query answers at most 1,000 rows at a time.
    private const int MaxPage = 1000;

    /// <summary>What <see cref="ListDayOutlinesAsync"/> reads of a meeting row; a JSON value with the columns it may go on in.</summary>
    private static readonly string[] OutlineColumns =
    [
        "PartitionKey", "RowKey", "CreatedAt", "Status", "StartsAt",
        .. new[] { "Reminders", "Links", "Notifications", "ExpertResponse", "FlowEvents" }.SelectMany(MeetingEntityMapper.JsonColumns),
    ];

    public Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListDayAsync(
        DateOnly day, MeetingFilter filter, string? continuation, int maxItems, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            var query = TableClient.CreateQueryFilter($"PartitionKey eq {MeetingIds.PartitionOf(day)} and Kind eq {MeetingEntityMapper.MeetingKind}");

            // ExpertAnswer is written as "none" until the expert answers, since a filter cannot ask for a missing column.
            (string Column, string? Value)[] equal =
                [("Reference", filter.Reference), ("Status", filter.Status), ("ExpertNotificationStatus", filter.ExpertNotification), ("ExpertAnswer", filter.ExpertResponse)];
            foreach (var (column, value) in equal.Where(e => e.Value is not null))
            {
                query += $" and {column} eq {TableClient.CreateQueryFilter($"{value}")}";
            }

            var rows = table.QueryAsync<TableEntity>(query, maxItems, cancellationToken: cancellationToken);
            return await FirstPageAsync(rows, continuation, maxItems,
                page => WithEventsAsync([.. page.Select(MeetingEntityMapper.ToRecord)], cancellationToken), cancellationToken);
        }, cancellationToken);

    public Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListDayOutlinesAsync(
        DateOnly day, string? continuation, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            // The same rows as the day's listing, but only the columns the summary counts: no names, phones or subjects travel.
            var query = TableClient.CreateQueryFilter($"PartitionKey eq {MeetingIds.PartitionOf(day)} and Kind eq {MeetingEntityMapper.MeetingKind}");
            var rows = table.QueryAsync<TableEntity>(query, MaxPage, OutlineColumns, cancellationToken);
            return await FirstPageAsync(rows, continuation, MaxPage,
                page => Task.FromResult<IReadOnlyList<MeetingRecord>>([.. page.Select(MeetingEntityMapper.ToRecord)]), cancellationToken);
        }, cancellationToken);

    /// <summary>The page of <paramref name="rows"/> at <paramref name="continuation"/>, as records.</summary>
    private static async Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> FirstPageAsync(AsyncPageable<TableEntity> rows,
        string? continuation, int maxItems, Func<IReadOnlyList<TableEntity>, Task<IReadOnlyList<MeetingRecord>>> toRecords, CancellationToken cancellationToken)
        => await rows.AsPages(continuation, maxItems).FirstOrDefaultAsync(cancellationToken) is { } page
            ? (await toRecords(page.Values), page.ContinuationToken)
            : ([], null);

    /// <summary>
    /// The visits that start on UTC day <paramref name="day"/>, in the order they start, matching <paramref name="filter"/> (its
    /// phone too), read through the day's start rows; a row whose meeting moved to another day or is gone is skipped.
    /// </summary>
    public Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListStartDayAsync(
        DateOnly day, MeetingFilter filter, string? continuation, int maxItems, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            var rows = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {StartDayIndex.Partition(day)}"), maxItems, ["MeetingId"], cancellationToken);
            return await FirstPageAsync(rows, continuation, maxItems, async page =>
            {
                var found = await Task.WhenAll(page.Select(r => ReadWithEventsAsync(r.GetString("MeetingId"), cancellationToken)));
                return [.. found.OfType<MeetingRecord>()
                    .Where(r => StartDayIndex.StartsOn(r, day) && filter.Matches(r) && (filter.Phone is null || r.CustomerPhone == filter.Phone))];
            }, cancellationToken);
        }, cancellationToken);

    /// <summary>Meetings (and tombstones) of days before <paramref name="firstDayKept"/>, then their phone entries and start rows.</summary>
    public Task<int> DeleteMeetingsBeforeAsync(DateOnly firstDayKept, CancellationToken cancellationToken)
        => DeleteWhereAsync(
            TableClient.CreateQueryFilter($"PartitionKey ge {"m-"} and PartitionKey lt {MeetingIds.PartitionOf(firstDayKept)}"),
            ["PartitionKey", "RowKey", "Kind", "CustomerPhone", "StartsAt"],
            async (deleted, token) =>
            {
                foreach (var meeting in deleted.Where(m => m.GetString("CustomerPhone") is not null))
                {
                    await DeleteIfExistsAsync(PhoneIndex.Entry(meeting.GetString("CustomerPhone"), MeetingEntityMapper.MeetingId(meeting)), token);
                }

                foreach (var meeting in deleted.Where(m => m.GetDateTimeOffset("StartsAt") is not null))
                {
                    await DeleteIfExistsAsync(StartDayIndex.Entry(MeetingEntityMapper.MeetingId(meeting), meeting.GetDateTimeOffset("StartsAt")!.Value), token);
                }
            },
            cancellationToken);

    public Task<int> DeleteExpiredKeysAsync(DateTimeOffset now, CancellationToken cancellationToken)
        => DeleteWhereAsync(
            TableClient.CreateQueryFilter($"PartitionKey ge {"k-"} and PartitionKey lt {"k."} and ExpiresAt lt {now}"),
            ["PartitionKey", "RowKey", "Kind"],
            cancellationToken: cancellationToken);

    /// <summary>
    /// Deletes matching rows in single-partition batches of at most 100, as Azure requires, and hands each deleted
    /// batch to <paramref name="afterBatch"/> for what must follow it. Counts the rows that are not events.
    /// </summary>
    private Task<int> DeleteWhereAsync(string filter, string[] columns,
        Func<IReadOnlyList<TableEntity>, CancellationToken, Task>? afterBatch = null, CancellationToken cancellationToken = default)
        => GuardAsync(async () =>
        {
            var deleted = 0;
            var batch = new List<TableEntity>(MaxBatch);
            async Task SubmitAsync()
            {
                if (batch.Count > 0)
                {
                    await table.SubmitTransactionAsync(
                        batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, Azure.ETag.All)), cancellationToken);
                    await (afterBatch?.Invoke(batch, cancellationToken) ?? Task.CompletedTask);
                    deleted += batch.Count(e => e.GetString("Kind") != MeetingEntityMapper.EventKind);
                    batch.Clear();
                }
            }

            await foreach (var entity in table.QueryAsync<TableEntity>(filter, MaxBatch * 10, columns, cancellationToken))
            {
                if (batch.Count == MaxBatch || (batch.Count > 0 && entity.PartitionKey != batch[0].PartitionKey))
                {
                    await SubmitAsync();
                }

                batch.Add(entity);
            }

            await SubmitAsync();
            return deleted;
        }, cancellationToken);
}
