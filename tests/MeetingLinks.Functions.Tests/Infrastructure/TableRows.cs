using Azure.Data.Tables;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Create;
using MeetingLinks.Meetings.Events;
using MeetingLinks.Meetings.Storage;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>
/// Rows of an app's table, read and written straight through Azure.Data.Tables. Rows are written with the app's
/// own mapper and key scheme, so they are what the app would have stored, at any time a test needs.
/// </summary>
internal static class TableRows
{
    /// <summary>
    /// Writes a meeting row as the app keys it (see <see cref="MeetingIds"/>) whose <c>Links</c> column is not the
    /// JSON the app writes there, as a bug or a hand edit could leave it.
    /// </summary>
    public static async Task WriteMeetingWithUnreadableLinksAsync(AzuriteFixture azurite, string tableName, string meetingId)
    {
        if (!MeetingIds.TryParse(meetingId, out var partitionKey, out var rowKey))
        {
            throw new ArgumentException("Not a meeting id.", nameof(meetingId));
        }

        await (await TableAsync(azurite, tableName)).AddEntityAsync(new TableEntity(partitionKey, rowKey)
        {
            ["Kind"] = "meeting",
            ["Sub"] = Guid.NewGuid().ToString(),
            ["Status"] = "created",
            ["CreatedAt"] = DateTimeOffset.UtcNow,
            ["Links"] = "[{\"kind\":\"guest\",\"url\":\"https://instant.webex.com/visit/",
        });
    }

    /// <summary>
    /// Stores a meeting with links as if it had been created at <paramref name="createdAt"/>, with its phone entry when it
    /// has a phone number, as the app stores it; returns its id.
    /// </summary>
    public static async Task<string> SeedMeetingAsync(
        AzuriteFixture azurite, string tableName, DateTimeOffset createdAt, string? reference = null, string? phone = null,
        Func<MeetingRecord, MeetingRecord>? change = null)
    {
        var id = MeetingIds.New(createdAt);
        var record = new MeetingRecord
        {
            MeetingId = id,
            Sub = MeetingIds.NewSub(),
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
            Status = MeetingStatus.Created,
            Reference = reference,
            CustomerPhone = phone,
            Hosts = 1,
            Guests = 1,
            ValidFrom = createdAt,
            ExpiresAt = createdAt.AddDays(1),
            VerticalType = "hc",
            Links =
            [
                new IssuedLink(IssuedLink.Host, "https://instant.webex.com/visit/hSeeded", "hSeeded", createdAt, createdAt.AddDays(1), createdAt, IssuedLink.CreateBatch),
                new IssuedLink(IssuedLink.Guest, "https://instant.webex.com/visit/gSeeded", "gSeeded", createdAt, createdAt.AddDays(1), createdAt, IssuedLink.CreateBatch),
            ],
        };
        var table = await TableAsync(azurite, tableName);
        await table.AddEntityAsync(MeetingEntityMapper.ToEntity(change?.Invoke(record) ?? record));
        if (phone is not null)
        {
            await table.AddEntityAsync(PhoneIndex.Entry(phone, id));
        }

        return id;
    }

    /// <summary>
    /// Stores <paramref name="records"/> (tombstones too) as the app's mapper writes them, with <paramref name="events"/> in rows
    /// beside their meetings, in one transaction per day; no phone entries or other index rows.
    /// </summary>
    public static async Task SeedRecordsAsync(
        AzuriteFixture azurite, string tableName, IEnumerable<MeetingRecord> records, IEnumerable<(string MeetingId, MeetingEvent Event)>? events = null)
    {
        var rows = records.Select(MeetingEntityMapper.ToEntity)
            .Concat((events ?? []).Select(e => MeetingEntityMapper.ToEntity(e.MeetingId, e.Event)));
        var table = await TableAsync(azurite, tableName);
        foreach (var day in rows.GroupBy(r => r.PartitionKey))
        {
            await table.SubmitTransactionAsync(day.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
        }
    }

    /// <summary>Stores the phone entry of <paramref name="meetingId"/> alone, as an erasure cut short or a create half done leaves it.</summary>
    public static async Task SeedPhoneEntryAsync(AzuriteFixture azurite, string tableName, string phone, string meetingId)
        => await (await TableAsync(azurite, tableName)).UpsertEntityAsync(PhoneIndex.Entry(phone, meetingId));

    /// <summary>Replaces the meeting with its tombstone, as the first steps of an erasure do.</summary>
    public static async Task SeedTombstoneAsync(AzuriteFixture azurite, string tableName, string meetingId, DateTimeOffset erasedAt)
        => await (await TableAsync(azurite, tableName)).UpsertEntityAsync(
            MeetingEntityMapper.ToEntity(MeetingEntityMapper.Tombstone(meetingId, erasedAt)), TableUpdateMode.Replace);

    /// <summary>Whether the phone entry of <paramref name="meetingId"/> is stored.</summary>
    public static async Task<bool> HasPhoneEntryAsync(AzuriteFixture azurite, string tableName, string phone, string meetingId)
    {
        var entry = PhoneIndex.Entry(phone, meetingId);
        return (await (await TableAsync(azurite, tableName)).GetEntityIfExistsAsync<TableEntity>(entry.PartitionKey, entry.RowKey)).HasValue;
    }

    /// <summary>Stores the idempotency key <paramref name="key"/> of <paramref name="meetingId"/>, honoured until <paramref name="expiresAt"/>.</summary>
    public static async Task SeedKeyAsync(
        AzuriteFixture azurite, string tableName, string key, string meetingId, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        var claim = new IdempotencyClaim(
            RequestFingerprint.OfKey(key), Fingerprint: new string('0', 64), meetingId, MeetingIds.NewSub(), createdAt, expiresAt, IsNew: true);
        await (await TableAsync(azurite, tableName)).AddEntityAsync(MeetingEntityMapper.ToEntity(claim));
    }

    /// <summary>Whether the table still holds the idempotency key <paramref name="key"/>.</summary>
    public static async Task<bool> HasKeyAsync(AzuriteFixture azurite, string tableName, string key)
    {
        var hash = RequestFingerprint.OfKey(key);
        var row = await new TableClient(azurite.ConnectionString, tableName)
            .GetEntityIfExistsAsync<TableEntity>(MeetingEntityMapper.KeyPartition(hash), hash, ["RowKey"]);
        return row.HasValue;
    }

    /// <summary>Every value of every row of the table, as one text to search.</summary>
    public static async Task<string> AllTextAsync(AzuriteFixture azurite, string tableName)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var entity in new TableClient(azurite.ConnectionString, tableName).QueryAsync<TableEntity>())
        {
            foreach (var (name, value) in entity)
            {
                text.Append(name).Append('=').Append(value).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Timers the app's records have waiting (one row each in the index of open work).</summary>
    public static async Task<int> WaitingTimersAsync(AzuriteFixture azurite, string tableName)
        => await (await TableAsync(azurite, tableName))
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {OpenWorkIndex.Partition} and WorkKind eq {MeetingLinks.Experts.ExpertDeadlines.KindName}"))
            .CountAsync();

    /// <summary>The start rows of UTC day <paramref name="day"/>: one per visit that starts then.</summary>
    public static async Task<int> StartRowsAsync(AzuriteFixture azurite, string tableName, DateOnly day)
        => await (await TableAsync(azurite, tableName))
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"s-" + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)}"))
            .CountAsync();

    /// <summary>The app's table, created when the test writes to it before the app does.</summary>
    private static async Task<TableClient> TableAsync(AzuriteFixture azurite, string tableName)
    {
        var table = new TableClient(azurite.ConnectionString, tableName);
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
