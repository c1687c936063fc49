using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetingLinks.Notifications;

/// <summary>A queue message: send the expert the host links of this batch of this meeting. Everything else is on the record.</summary>
public sealed record NotificationMessage(string MeetingId, string Batch)
{
    public string ToJson() => JsonSerializer.Serialize(this, NotificationJsonContext.Default.NotificationMessage);

    /// <summary>Reads a queue message; one that is not ours is a bug worth failing on (it ends in the poison queue).</summary>
    public static NotificationMessage Parse(string json)
        => JsonSerializer.Deserialize(json, NotificationJsonContext.Default.NotificationMessage) is { MeetingId.Length: > 0, Batch.Length: > 0 } message
            ? message
            : throw new JsonException("Not an expert-notification message.");
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(NotificationMessage))]
internal sealed partial class NotificationJsonContext : JsonSerializerContext;
