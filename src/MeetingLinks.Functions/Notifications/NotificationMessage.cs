namespace MeetingLinks.Notifications;

/// <summary>
/// A queue message: send the record's <paramref name="Kind"/> entry <paramref name="Id"/> of this meeting (an expert
/// message by its id, a reply by its Webex action, a flow event by its id), or, with <paramref name="DueAt"/>, a timer:
/// at that time, see whether what it was planned for (a chain step) is still so. Everything else is on the record.
/// </summary>
public sealed record NotificationMessage(string MeetingId, string Kind, string Id, DateTimeOffset? DueAt = null)
{
    [JsonIgnore]
    public bool IsTimer => DueAt is not null;

    public string ToJson() => JsonSerializer.Serialize(this, NotificationJsonContext.Default.NotificationMessage);

    /// <summary>Reads a queue message; one that is not ours is a bug worth failing on (it ends in the poison queue).</summary>
    public static NotificationMessage Parse(string json)
        => JsonSerializer.Deserialize(json, NotificationJsonContext.Default.NotificationMessage) is { MeetingId.Length: > 0, Kind.Length: > 0, Id.Length: > 0 } message
            ? message
            : throw new JsonException("Not a notification message.");
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(NotificationMessage))]
internal sealed partial class NotificationJsonContext : JsonSerializerContext;
