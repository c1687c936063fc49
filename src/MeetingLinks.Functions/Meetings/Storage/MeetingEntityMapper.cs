using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Azure.Data.Tables;
using MeetingLinks.Meetings.Events;

namespace MeetingLinks.Meetings.Storage;

/// <summary>Maps records to table entities by hand: explicit columns, no reflection.</summary>
internal static class MeetingEntityMapper
{
    // A string property holds at most 64 KiB (32K UTF-16 chars); 25 long links can exceed that.
    private const int ChunkLength = 30_000;
    private const int MaxChunks = 16;

    public static TableEntity ToEntity(MeetingRecord record)
    {
        if (!MeetingIds.TryParse(record.MeetingId, out var partitionKey, out var rowKey))
        {
            throw new ArgumentException("Not a meeting id.", nameof(record));
        }

        var entity = new TableEntity(partitionKey, rowKey)
        {
            ["Kind"] = "meeting",
            ["Sub"] = record.Sub,
            ["CreatedAt"] = record.CreatedAt,
            ["UpdatedAt"] = record.UpdatedAt,
            ["Status"] = record.Status,
            ["Reference"] = record.Reference,
            ["Subject"] = record.Subject,
            ["CustomerName"] = record.CustomerName,
            ["CustomerPhone"] = record.CustomerPhone,
            ["Channel"] = record.Channel,
            ["Hosts"] = record.Hosts,
            ["Guests"] = record.Guests,
            ["ValidFrom"] = record.ValidFrom,
            ["ExpiresAt"] = record.ExpiresAt,
            ["VerticalType"] = record.VerticalType,
            ["LoginUrlForHost"] = record.LoginUrlForHost,
            ["BaseUrl"] = record.BaseUrl,
            ["GuestSuffix"] = record.GuestSuffix,
            ["LastError"] = record.LastError,
        };
        WriteJson(entity, "Devices", record.Devices.ToArray(), StorageJsonContext.Default.StringArray);
        WriteJson(entity, "HostUrls", record.HostUrls.ToArray(), StorageJsonContext.Default.StringArray);
        WriteJson(entity, "GuestUrls", record.GuestUrls.ToArray(), StorageJsonContext.Default.StringArray);
        WriteJson(entity, "Events", record.Events.ToArray(), StorageJsonContext.Default.MeetingEventArray);
        return entity;
    }

    public static MeetingRecord ToRecord(TableEntity entity) => new()
    {
        MeetingId = entity.PartitionKey[2..] + "-" + entity.RowKey,
        Sub = entity.GetString("Sub"),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = entity.GetDateTimeOffset("UpdatedAt") ?? default,
        Status = entity.GetString("Status") ?? MeetingStatus.Pending,
        Reference = entity.GetString("Reference"),
        Subject = entity.GetString("Subject"),
        CustomerName = entity.GetString("CustomerName"),
        CustomerPhone = entity.GetString("CustomerPhone"),
        Channel = entity.GetString("Channel"),
        Hosts = entity.GetInt32("Hosts") ?? 0,
        Guests = entity.GetInt32("Guests") ?? 0,
        ValidFrom = entity.GetDateTimeOffset("ValidFrom") ?? default,
        ExpiresAt = entity.GetDateTimeOffset("ExpiresAt") ?? default,
        VerticalType = entity.GetString("VerticalType") ?? "hc",
        LoginUrlForHost = entity.GetBoolean("LoginUrlForHost") ?? false,
        BaseUrl = entity.GetString("BaseUrl"),
        GuestSuffix = entity.GetString("GuestSuffix"),
        LastError = entity.GetString("LastError"),
        Devices = ReadJson(entity, "Devices", StorageJsonContext.Default.StringArray) ?? [],
        HostUrls = ReadJson(entity, "HostUrls", StorageJsonContext.Default.StringArray) ?? [],
        GuestUrls = ReadJson(entity, "GuestUrls", StorageJsonContext.Default.StringArray) ?? [],
        Events = ReadJson(entity, "Events", StorageJsonContext.Default.MeetingEventArray) ?? [],
    };

    public static TableEntity ToEntity(IdempotencyClaim claim) => new(KeyPartition(claim.KeyHash), claim.KeyHash)
    {
        ["Kind"] = "key",
        ["Fingerprint"] = claim.Fingerprint,
        ["MeetingId"] = claim.MeetingId,
        ["Sub"] = claim.Sub,
        ["CreatedAt"] = claim.CreatedAt,
        ["ExpiresAt"] = claim.ExpiresAt,
    };

    public static IdempotencyClaim ToClaim(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Fingerprint"),
        entity.GetString("MeetingId"),
        entity.GetString("Sub"),
        entity.GetDateTimeOffset("CreatedAt") ?? default,
        entity.GetDateTimeOffset("ExpiresAt") ?? default,
        IsNew: false);

    /// <summary>Keys spread over 256 partitions by the first byte of their digest.</summary>
    public static string KeyPartition(string keyHash) => "k-" + keyHash[..2];

    private static void WriteJson<T>(TableEntity entity, string name, T value, JsonTypeInfo<T> typeInfo)
    {
        var json = JsonSerializer.Serialize(value, typeInfo);
        var chunks = (json.Length + ChunkLength - 1) / ChunkLength;
        if (chunks > MaxChunks)
        {
            throw new ArgumentException($"{name} is too large to store.", nameof(value));
        }

        for (var i = 0; i < chunks; i++)
        {
            entity[i == 0 ? name : $"{name}_{i}"] = json.Substring(i * ChunkLength, Math.Min(ChunkLength, json.Length - (i * ChunkLength)));
        }
    }

    private static T? ReadJson<T>(TableEntity entity, string name, JsonTypeInfo<T> typeInfo)
    {
        if (entity.GetString(name) is not { } first)
        {
            return default;
        }

        var json = new StringBuilder(first);
        for (var i = 1; entity.GetString($"{name}_{i}") is { } more; i++)
        {
            json.Append(more);
        }

        return JsonSerializer.Deserialize(json.ToString(), typeInfo);
    }
}

[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(MeetingEvent[]))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
