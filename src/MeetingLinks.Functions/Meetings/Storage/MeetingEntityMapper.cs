namespace MeetingLinks.Meetings.Storage;

/// <summary>Maps records to table entities by hand: explicit columns, no reflection.</summary>
internal static class MeetingEntityMapper
{
    public const string MeetingKind = "meeting";
    public const string ErasedKind = "erased";
    public const string EventKind = "event";

    /// <summary>Sorts after every event row of a meeting: event rows are the meeting's RowKey, <c>~</c> and a hex digest.</summary>
    public const string EventsEnd = "~~";

    // A string property holds at most 64 KiB (32K UTF-16 chars); 25 long links can exceed that.
    private const int ChunkLength = 30_000;
    private const int MaxChunks = 16;

    public static TableEntity ToEntity(MeetingRecord record)
    {
        var (partitionKey, rowKey) = Keys(record.MeetingId);
        if (record.ErasedAt is { } erasedAt)
        {
            // A tombstone keeps nothing of the meeting but that it was erased.
            return new TableEntity(partitionKey, rowKey) { ["Kind"] = ErasedKind, ["ErasedAt"] = erasedAt };
        }

        var entity = new TableEntity(partitionKey, rowKey)
        {
            ["Kind"] = MeetingKind,
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
            ["LastError"] = record.LastError,
            ["KeyHash"] = record.KeyHash,
            ["RequestId"] = record.RequestId,
            ["ExpertAnswer"] = record.ExpertAnswer,
            ["AnswerWithin"] = record.AnswerWithin,
            ["StartsAt"] = record.StartsAt,
            ["DurationMinutes"] = record.DurationMinutes,
            ["CancelledAt"] = record.CancelledAt,
            ["CancelReason"] = record.CancelReason,
        };
        WriteJson(entity, "Devices", record.Devices.ToArray(), StorageJsonContext.Default.StringArray);
        WriteJson(entity, "Links", record.Links.ToArray(), StorageJsonContext.Default.IssuedLinkArray);
        WriteJson(entity, "Notifications", record.Notifications.ToArray(), StorageJsonContext.Default.ExpertNotificationArray);
        WriteJson(entity, "Replies", record.Replies.ToArray(), StorageJsonContext.Default.ExpertReplyArray);
        WriteJson(entity, "FlowEvents", record.FlowDeliveries.ToArray(), StorageJsonContext.Default.FlowEventArray);
        if (record.VisitReminders.Count > 0)
        {
            WriteJson(entity, "Reminders", record.VisitReminders.ToArray(), StorageJsonContext.Default.VisitReminderArray);
        }

        if (record.ExpertResponse is { } response)
        {
            WriteJson(entity, "ExpertResponse", response, StorageJsonContext.Default.ExpertResponse);
        }
        entity["ExpertNotificationStatus"] = record.ExpertNotification?.Status;
        return entity;
    }

    /// <summary>The columns a JSON value of <paramref name="name"/> may take: its own and those it continues in (<c>Links_1</c>…).</summary>
    public static IEnumerable<string> JsonColumns(string name)
        => [name, .. Enumerable.Range(1, MaxChunks - 1).Select(i => $"{name}_{i}")];

    /// <summary>The id of the meeting a meeting row (or a projection of its keys) stands for.</summary>
    public static string MeetingId(TableEntity entity) => entity.PartitionKey[2..] + "-" + entity.RowKey;

    public static MeetingRecord ToRecord(TableEntity entity) => entity.GetString("Kind") == ErasedKind
        ? Tombstone(MeetingId(entity), entity.GetDateTimeOffset("ErasedAt") ?? default)
        : new()
        {
            MeetingId = MeetingId(entity),
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
            LastError = entity.GetString("LastError"),
            Devices = ReadJson(entity, "Devices", StorageJsonContext.Default.StringArray) ?? [],
            Links = ReadJson(entity, "Links", StorageJsonContext.Default.IssuedLinkArray) ?? [],
            Notifications = ReadJson(entity, "Notifications", StorageJsonContext.Default.ExpertNotificationArray) ?? [],
            KeyHash = entity.GetString("KeyHash"),
            RequestId = entity.GetString("RequestId"),
            ExpertResponse = ReadJson(entity, "ExpertResponse", StorageJsonContext.Default.ExpertResponse),
            ExpertWait = IsoDuration.TryParse(entity.GetString("AnswerWithin"), out var wait) ? wait : null,
            StartsAt = entity.GetDateTimeOffset("StartsAt"),
            DurationMinutes = entity.GetInt32("DurationMinutes"),
            CancelledAt = entity.GetDateTimeOffset("CancelledAt"),
            CancelReason = entity.GetString("CancelReason"),
            VisitReminders = ReadJson(entity, "Reminders", StorageJsonContext.Default.VisitReminderArray) ?? [],
            Replies = ReadJson(entity, "Replies", StorageJsonContext.Default.ExpertReplyArray) ?? [],
            FlowDeliveries = ReadJson(entity, "FlowEvents", StorageJsonContext.Default.FlowEventArray) ?? [],
        };

    /// <summary>What an erasure leaves of a meeting: its id and when it was erased, nothing personal.</summary>
    public static MeetingRecord Tombstone(string meetingId, DateTimeOffset erasedAt) => new()
    {
        MeetingId = meetingId,
        Sub = string.Empty,
        CreatedAt = default,
        UpdatedAt = erasedAt,
        Status = ErasedKind,
        ValidFrom = default,
        ExpiresAt = default,
        VerticalType = string.Empty,
        ErasedAt = erasedAt,
    };

    /// <summary>
    /// An event's own row, beside its meeting: same partition, RowKey the meeting's, <c>~</c> and a digest of what makes
    /// two reports the same event, so a second report of it is a conflict, not a second row.
    /// </summary>
    public static TableEntity ToEntity(string meetingId, MeetingEvent meetingEvent)
    {
        var (partitionKey, rowKey) = Keys(meetingId);
        var identity = string.Join('\u001f', meetingEvent.Type, meetingEvent.Channel, meetingEvent.Code, meetingEvent.MessageId, meetingEvent.Detail, meetingEvent.Source);
        return new TableEntity(partitionKey, rowKey + "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32])
        {
            ["Kind"] = EventKind,
            ["Type"] = meetingEvent.Type,
            ["Channel"] = meetingEvent.Channel,
            ["Detail"] = meetingEvent.Detail,
            ["Code"] = meetingEvent.Code,
            ["Source"] = meetingEvent.Source,
            ["MessageId"] = meetingEvent.MessageId,
            ["OccurredAt"] = meetingEvent.OccurredAt,
            ["ReceivedAt"] = meetingEvent.ReceivedAt,
        };
    }

    public static MeetingEvent ToEvent(TableEntity entity) => new(
        entity.GetString("Type"),
        entity.GetString("Channel"),
        entity.GetString("Detail"),
        entity.GetString("Code"),
        entity.GetString("Source"),
        entity.GetString("MessageId"),
        entity.GetDateTimeOffset("OccurredAt") ?? default,
        entity.GetDateTimeOffset("ReceivedAt") ?? default);

    public static string MeetingIdOfEvent(TableEntity entity) => entity.PartitionKey[2..] + "-" + entity.RowKey[..entity.RowKey.IndexOf('~', StringComparison.Ordinal)];

    public static TableEntity ToEntity(IdempotencyClaim claim) => claim.Erased
        // The fingerprint digests the request's personal details: an erased meeting's key keeps none of it.
        ? new(KeyPartition(claim.KeyHash), claim.KeyHash)
        {
            ["Kind"] = "key",
            ["MeetingId"] = claim.MeetingId,
            ["CreatedAt"] = claim.CreatedAt,
            ["ExpiresAt"] = claim.ExpiresAt,
            ["Erased"] = true,
        }
        : new(KeyPartition(claim.KeyHash), claim.KeyHash)
        {
            ["Kind"] = "key",
            ["Fingerprint"] = claim.Fingerprint,
            ["MeetingId"] = claim.MeetingId,
            ["Sub"] = claim.Sub,
            ["CreatedAt"] = claim.CreatedAt,
            ["ExpiresAt"] = claim.ExpiresAt,
            ["Batch"] = claim.Batch,
        };

    public static IdempotencyClaim ToClaim(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Fingerprint") ?? string.Empty,
        entity.GetString("MeetingId"),
        entity.GetString("Sub") ?? string.Empty,
        entity.GetDateTimeOffset("CreatedAt") ?? default,
        entity.GetDateTimeOffset("ExpiresAt") ?? default,
        IsNew: false,
        Erased: entity.GetBoolean("Erased") ?? false,
        Batch: entity.GetString("Batch"));

    /// <summary>Keys spread over 256 partitions by the first byte of their digest.</summary>
    public static string KeyPartition(string keyHash) => "k-" + keyHash[..2];

    private static (string PartitionKey, string RowKey) Keys(string meetingId)
        => MeetingIds.TryParse(meetingId, out var partitionKey, out var rowKey)
            ? (partitionKey, rowKey)
            : throw new ArgumentException("Not a meeting id.", nameof(meetingId));

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
[JsonSerializable(typeof(IssuedLink[]))]
[JsonSerializable(typeof(MeetingLinks.Experts.ExpertNotification[]))]
[JsonSerializable(typeof(MeetingLinks.Experts.ExpertReply[]))]
[JsonSerializable(typeof(MeetingLinks.Experts.ExpertResponse))]
[JsonSerializable(typeof(MeetingLinks.Connect.FlowEvent[]))]
[JsonSerializable(typeof(MeetingLinks.Meetings.Visits.VisitReminder[]))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
