using System.Text.Json;
using Azure.Storage.Queues;

namespace MeetingLinks.Hosting;

/// <summary>What the app reads from its own <c>host.json</c>: how the Functions host decodes queue messages.</summary>
public static class HostJson
{
    /// <summary>
    /// <c>extensions.queues.messageEncoding</c> of the <c>host.json</c> in <paramref name="appDirectory"/>: base64 (the
    /// host's default) or none. Like the host, it reads names without regard to case.
    /// </summary>
    public static QueueMessageEncoding QueueMessageEncoding(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path))
        {
            return Azure.Storage.Queues.QueueMessageEncoding.Base64;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        return Property(Property(Property(document.RootElement, "extensions"), "queues"), "messageEncoding")?.GetString() is { } encoding
            ? Enum.Parse<QueueMessageEncoding>(encoding, ignoreCase: true)
            : Azure.Storage.Queues.QueueMessageEncoding.Base64;
    }

    private static JsonElement? Property(JsonElement? element, string name)
        => element?.ValueKind == JsonValueKind.Object
            ? element.Value.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                .Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;
}
