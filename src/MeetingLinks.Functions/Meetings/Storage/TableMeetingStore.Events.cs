namespace MeetingLinks.Meetings.Storage;

/// <summary>Events in rows of their own beside their meeting: writers that only add something never contend.</summary>
public sealed partial class TableMeetingStore
{
    public Task<(MeetingRecord Meeting, bool Added)?> AddEventAsync(string meetingId, MeetingEvent meetingEvent, CancellationToken cancellationToken)
        => GuardAsync<(MeetingRecord, bool)?>(async () =>
        {
            if (!MeetingIds.TryParse(meetingId, out _, out _))
            {
                return null;
            }

            var row = MeetingEntityMapper.ToEntity(meetingId, meetingEvent);
            var added = await TryAddAsync(row, cancellationToken) is not null;

            // Read after the row is written: an erasure from now on deletes it with the meeting's other events, and one
            // that came before shows here.
            if (await ReadAsync(meetingId, cancellationToken) is { IsErased: false } meeting)
            {
                return (meeting, added);
            }

            if (added)
            {
                await DeleteIfExistsAsync(row, cancellationToken);
            }

            return null;
        }, cancellationToken);

    public Task<MeetingRecord?> GetWithEventsAsync(string meetingId, CancellationToken cancellationToken)
        => GuardAsync(() => ReadWithEventsAsync(meetingId, cancellationToken), cancellationToken);

    /// <summary>One meeting with its events in one query: its row and the event rows after it. Null for an unknown, erased or malformed id.</summary>
    private async Task<MeetingRecord?> ReadWithEventsAsync(string meetingId, CancellationToken cancellationToken)
    {
        if (!MeetingIds.TryParse(meetingId, out var partitionKey, out var rowKey))
        {
            return null;
        }

        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey ge {rowKey} and RowKey lt {rowKey + MeetingEntityMapper.EventsEnd}"),
            cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var events = rows.Where(r => r.GetString("Kind") == MeetingEntityMapper.EventKind).Select(MeetingEntityMapper.ToEvent);
        return rows.FirstOrDefault(r => r.RowKey == rowKey) is { } row
            && MeetingEntityMapper.ToRecord(row) is { IsErased: false } read
            ? WithEvents(Versioned(read, row.ETag), [.. events])
            : null;
    }

    /// <summary>Records with their latest <see cref="MaxEventsShown"/> events: one query per day, over the RowKeys from its first record to its last.</summary>
    private async Task<IReadOnlyList<MeetingRecord>> WithEventsAsync(IReadOnlyList<MeetingRecord> records, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        foreach (var day in records.Select(r => MeetingIds.TryParse(r.MeetingId, out var partition, out var row) ? (partition, row) : default)
            .Where(k => k != default).GroupBy(k => k.partition, k => k.row))
        {
            var (first, last) = (day.Min(StringComparer.Ordinal), day.Max(StringComparer.Ordinal));
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {day.Key} and RowKey gt {first} and RowKey lt {last + MeetingEntityMapper.EventsEnd} and Kind eq {MeetingEntityMapper.EventKind}");
            rows.AddRange(await table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)
                .ToListAsync(cancellationToken));
        }

        var events = rows.ToLookup(MeetingEntityMapper.MeetingIdOfEvent, MeetingEntityMapper.ToEvent);
        return [.. records.Select(r => WithEvents(r, [.. events[r.MeetingId]]))];
    }

    private static MeetingRecord WithEvents(MeetingRecord record, List<MeetingEvent> events) => events.Count == 0 ? record : record with
    {
        Events = [.. events.OrderBy(e => e.ReceivedAt).ThenBy(e => e.OccurredAt).TakeLast(MaxEventsShown)],
        UpdatedAt = events.Max(e => e.ReceivedAt) is var latest && latest > record.UpdatedAt ? latest : record.UpdatedAt,
    };

    private Task<int> DeleteEventsAsync(string meetingId, CancellationToken cancellationToken)
        => MeetingIds.TryParse(meetingId, out var partitionKey, out var rowKey)
            ? DeleteWhereAsync(
                TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey gt {rowKey} and RowKey lt {rowKey + MeetingEntityMapper.EventsEnd}"),
                ["PartitionKey", "RowKey", "Kind"], cancellationToken: cancellationToken)
            : Task.FromResult(0);
}
