using Azure.Data.Tables;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Create;
using MeetingLinks.Meetings.Storage;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>
/// Rows of an app's table, read and written straight through Azure.Data.Tables. Rows are written with the app's
/// own mapper and key scheme, so they are what the app would have stored, at any time a test needs.
/// </summary>
internal static class TableRows
{
    public static async Task<int> CountMeetingsAsync(AzuriteFixture azurite, string tableName)
    {
        var table = new TableClient(azurite.ConnectionString, tableName);
        var count = 0;
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(filter: "Kind eq 'meeting'", select: ["Kind"]))
            {
                count++;
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // The app never touched storage: no table, no rows.
        }

        return count;
    }

    /// <summary>Stores a meeting with links as if it had been created at <paramref name="createdAt"/>; returns its id.</summary>
    public static async Task<string> SeedMeetingAsync(
        AzuriteFixture azurite, string tableName, DateTimeOffset createdAt, string? reference = null, string? phone = null)
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
            BaseUrl = "https://instant.webex.com/visit/",
            GuestSuffix = "gSeeded",
            GuestUrls = ["https://instant.webex.com/visit/gSeeded"],
            HostUrls = ["https://instant.webex.com/visit/hSeeded"],
        };
        await (await TableAsync(azurite, tableName)).AddEntityAsync(MeetingEntityMapper.ToEntity(record));
        return id;
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

    /// <summary>The app's table, created when the test writes to it before the app does.</summary>
    private static async Task<TableClient> TableAsync(AzuriteFixture azurite, string tableName)
    {
        var table = new TableClient(azurite.ConnectionString, tableName);
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
