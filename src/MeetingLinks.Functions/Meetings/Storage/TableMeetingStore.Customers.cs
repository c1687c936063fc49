namespace MeetingLinks.Meetings.Storage;

/// <summary>Erasure and the phone number's own listing, both through the phone entries.</summary>
public sealed partial class TableMeetingStore
{
    public Task<MeetingRecord?> EraseAsync(string meetingId, DateTimeOffset erasedAt, CancellationToken cancellationToken)
        => GuardAsync(async () => (await EraseOneAsync(meetingId, erasedAt, cancellationToken)).Erased, cancellationToken);

    public Task<IReadOnlyList<MeetingRecord>> ErasePhoneAsync(string phone, DateTimeOffset erasedAt, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            var erased = new List<MeetingRecord>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PhoneIndex.Partition(phone)}");
            await foreach (var entry in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "MeetingId"], cancellationToken: cancellationToken))
            {
                var (record, tombstone) = await EraseOneAsync(entry.GetString("MeetingId"), erasedAt, cancellationToken);
                if (record is not null)
                {
                    erased.Add(record);
                }
                else if (tombstone)
                {
                    // An erasure that stopped before its last step left the entry; a meeting not there at all may be a
                    // create between writing its entry and the meeting itself, whose entry must stay.
                    await DeleteIfExistsAsync(entry, cancellationToken);
                }
            }

            return (IReadOnlyList<MeetingRecord>)erased;
        }, cancellationToken);

    public Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListPhoneAsync(
        string phone, DateOnly firstDay, DateOnly lastDay, MeetingFilter filter, string? continuation, int maxItems, CancellationToken cancellationToken)
        => GuardAsync(async () =>
        {
            var entries = table.QueryAsync<TableEntity>(PhoneIndex.Filter(phone, firstDay, lastDay), maxItems, ["MeetingId"], cancellationToken);
            return await FirstPageAsync(entries, continuation, maxItems, async rows =>
            {
                // Each meeting with its own events, so a number's listing reads no one else's rows.
                var found = rows.Select(r => ReadWithEventsAsync(r.GetString("MeetingId"), cancellationToken));
                return [.. (await Task.WhenAll(found)).OfType<MeetingRecord>().Where(filter.Matches)];
            }, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Erases one meeting: its idempotency key first, then the record (a tombstone), then its events and phone entry, so that an
    /// erasure cut short is finished by the next one, by id or by number. Says whether the meeting was a tombstone already.
    /// </summary>
    private async Task<(MeetingRecord? Erased, bool Tombstone)> EraseOneAsync(string meetingId, DateTimeOffset erasedAt, CancellationToken cancellationToken)
    {
        if (await ReadAsync(meetingId, cancellationToken) is not { } read)
        {
            return (null, false);
        }

        if (read.IsErased)
        {
            await DeleteEventsAsync(meetingId, cancellationToken);
            return (null, true);
        }

        // The tombstone is a change like any other: it takes its turn, and a race lost elsewhere is tried again.
        await ForgetKeyAsync(read, cancellationToken);
        MeetingRecord? erased = null;
        var tombstone = await ChangeAsync(read, current =>
        {
            erased = current;
            return MeetingEntityMapper.Tombstone(meetingId, erasedAt);
        }, cancellationToken);
        if (tombstone is null || erased is null)
        {
            return (null, true); // erased meanwhile by another
        }

        await DeleteEventsAsync(meetingId, cancellationToken);
        if (erased.CustomerPhone is { } phone)
        {
            await DeleteIfExistsAsync(PhoneIndex.Entry(phone, erased.MeetingId), cancellationToken);
        }

        return (erased, false);
    }

    /// <summary>The meeting's idempotency key forgets what it was asked with; a replay of it is then told the meeting was erased.</summary>
    private async Task ForgetKeyAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        if (record.KeyHash is { } keyHash
            && await table.GetEntityIfExistsAsync<TableEntity>(MeetingEntityMapper.KeyPartition(keyHash), keyHash, cancellationToken: cancellationToken)
                is { HasValue: true, Value: { } key }
            && MeetingEntityMapper.ToClaim(key) is { } claim && claim.MeetingId == record.MeetingId)
        {
            await table.UpsertEntityAsync(MeetingEntityMapper.ToEntity(claim with { Erased = true }), TableUpdateMode.Replace, cancellationToken);
        }
    }

    private async Task DeleteIfExistsAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            // Gone already.
        }
    }
}
