namespace MeetingLinks.Meetings.Storage;

/// <summary>The index of open work (<see cref="OpenWorkIndex"/>): kept by <see cref="ChangeAsync(MeetingRecord, Func{MeetingRecord, MeetingRecord?}, CancellationToken)"/>, read by the sweep.</summary>
public sealed partial class TableMeetingStore
{
    public Task<IReadOnlyList<NotificationMessage>> FindOpenWorkAsync(DateTimeOffset openBefore, int maxItems, CancellationToken cancellationToken)
        => GuardAsync<IReadOnlyList<NotificationMessage>>(async () =>
            await table.QueryAsync<TableEntity>(OpenWorkIndex.Filter(openBefore), maxItems, ["PartitionKey", "RowKey", "MeetingId", "WorkKind", "WorkId"], cancellationToken)
                .Take(maxItems).Select(OpenWorkIndex.ToWork).ToListAsync(cancellationToken), cancellationToken);

    public Task KeepOpenWorkAsync(NotificationMessage work, DateTimeOffset since, CancellationToken cancellationToken)
        => GuardAsync(async () => await table.UpsertEntityAsync(OpenWorkIndex.Entry(work, since), TableUpdateMode.Replace, cancellationToken), cancellationToken);

    public Task ForgetOpenWorkAsync(NotificationMessage work, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            await DeleteIfExistsAsync(OpenWorkIndex.Row(work), cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>Rows for the work <paramref name="after"/> opens or plans that <paramref name="before"/> had not: one transaction, as they share the partition.</summary>
    private async Task OpenRowsAsync(MeetingRecord? before, MeetingRecord after, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var opened = Except(after, before).Select(w => new TableTransactionAction(TableTransactionActionType.UpsertReplace, OpenWorkIndex.Entry(w, w.DueAt ?? now))).ToList();
        for (var i = 0; i < opened.Count; i += MaxBatch)
        {
            await table.SubmitTransactionAsync(opened.Skip(i).Take(MaxBatch), cancellationToken);
        }
    }

    /// <summary>
    /// Removes the rows of work <paramref name="before"/> had open and <paramref name="after"/> settled; a row already gone is
    /// no matter. The change is written by then, so a row that cannot be removed now is left for the sweep to remove.
    /// </summary>
    private async Task CloseRowsAsync(MeetingRecord before, MeetingRecord after, CancellationToken cancellationToken)
    {
        IEnumerable<(TableEntity Row, string What)> rows = Except(before, after).Select(work => (OpenWorkIndex.Row(work), $"{work.Kind} {work.Id}"));
        if (before.StartsAt is { } startedAt && before.StartsAt != after.StartsAt)
        {
            // The visit moved, or the meeting was erased: its old start day's row goes.
            rows = rows.Append((StartDayIndex.Entry(before.MeetingId, startedAt), "start"));
        }

        foreach (var (row, what) in rows)
        {
            try
            {
                await DeleteIfExistsAsync(row, cancellationToken);
            }
            catch (Exception ex) when (StorageAccess.IsOutage(ex))
            {
                logger.LogWarning("The index row of {What} for meeting {MeetingId} stays (the sweep or the day's listing skips it): {Reason}",
                    what, before.MeetingId, Describe(ex));
            }
        }
    }

    /// <summary>Work indexed for <paramref name="record"/> (open or planned) and not for <paramref name="other"/>, whatever its due time.</summary>
    private static IEnumerable<NotificationMessage> Except(MeetingRecord record, MeetingRecord? other)
        => Indexed(record).ExceptBy(other is null ? [] : Indexed(other).Select(Key), Key);

    private static IEnumerable<NotificationMessage> Indexed(MeetingRecord record) => record.OpenWork.Concat(record.PlannedWork);

    private static (string, string) Key(NotificationMessage work) => (work.Kind, work.Id);
}
