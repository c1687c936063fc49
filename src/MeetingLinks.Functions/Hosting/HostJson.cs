using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues;

namespace MeetingLinks.Hosting;

/// <summary>
/// What the local run takes from <c>host.json</c>, so it serves routes where the Functions host does and treats queue
/// messages as it does. Like the host, it reads names without regard to case.
/// </summary>
public static class HostJson
{
    public const string DefaultRoutePrefix = "api";

    /// <summary><c>extensions.http.routePrefix</c> of the <c>host.json</c> in <paramref name="appDirectory"/>; <c>api</c> when unset.</summary>
    public static string RoutePrefix(string appDirectory)
        => Extension(appDirectory, "http") is { } http && Property(http, "routePrefix") is { ValueKind: JsonValueKind.String } prefix
            ? prefix.GetString()!.Trim('/')
            : DefaultRoutePrefix;

    /// <summary><c>extensions.queues</c> of the <c>host.json</c> in <paramref name="appDirectory"/>, the host's defaults where unset.</summary>
    public static QueueSettings Queues(string appDirectory)
    {
        var defaults = new QueueSettings();
        if (Extension(appDirectory, "queues") is not { } queues)
        {
            return defaults;
        }

        return new QueueSettings
        {
            BatchSize = Property(queues, "batchSize")?.GetInt32() ?? defaults.BatchSize,
            MaxDequeueCount = Property(queues, "maxDequeueCount")?.GetInt32() ?? defaults.MaxDequeueCount,
            VisibilityTimeout = TimeSpanOf(Property(queues, "visibilityTimeout")) ?? defaults.VisibilityTimeout,
            MaxPollingInterval = TimeSpanOf(Property(queues, "maxPollingInterval")) ?? defaults.MaxPollingInterval,
            MessageEncoding = Property(queues, "messageEncoding")?.GetString() is { } encoding
                ? Enum.Parse<QueueMessageEncoding>(encoding, ignoreCase: true)
                : defaults.MessageEncoding,
        };
    }

    private static JsonElement? Extension(string appDirectory, string name)
    {
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        return Property(document.RootElement, "extensions") is { } extensions && Property(extensions, name) is { } extension
            ? extension.Clone()
            : null;
    }

    private static JsonElement? Property(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                .Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;

    private static TimeSpan? TimeSpanOf(JsonElement? value)
        => value?.GetString() is { } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : null;
}

/// <summary>
/// host.json's <c>extensions.queues</c>: how the Functions host polls a storage queue and what it does with a message
/// whose function failed. The defaults are the host's.
/// </summary>
public sealed record QueueSettings
{
    /// <summary>How many messages one poll takes (the host runs them at once).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>After this many failed attempts a message moves to <c>&lt;queue&gt;-poison</c>.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a message whose function failed stays hidden before the next attempt.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>The longest wait between polls of an empty queue.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How message text is stored on the queue: base64 (the default) or as is.</summary>
    public QueueMessageEncoding MessageEncoding { get; init; } = QueueMessageEncoding.Base64;
}
