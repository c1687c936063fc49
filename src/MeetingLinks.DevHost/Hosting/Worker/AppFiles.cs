using System.Globalization;
using System.Text.Json;
using MeetingLinks.DevHost.Hosting.Queues;

namespace MeetingLinks.DevHost.Hosting.Worker;

/// <summary>What the host reads from the app's build output before it starts the worker.</summary>
internal static class AppFiles
{
    /// <summary>worker.config.json: the program to run and the worker's dll, relative to the app directory.</summary>
    public static (string Executable, string WorkerPath) ReadWorkerConfig(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "worker.config.json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{appDirectory} is not a Functions app's build output: it has no worker.config.json.");
        }

        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var description = config.RootElement.GetProperty("description");
        return (description.GetProperty("defaultExecutablePath").GetString()!, description.GetProperty("defaultWorkerPath").GetString()!);
    }

    /// <summary>host.json's <c>extensions.http.routePrefix</c>; <c>api</c> when unset, and it may be empty.</summary>
    public static string ReadRoutePrefix(string appDirectory)
        => Property(ReadExtension(appDirectory, "http"), "routePrefix") is { ValueKind: JsonValueKind.String } prefix ? prefix.GetString()! : "api";

    /// <summary>
    /// host.json's <c>extensions.queues</c>, with the host's defaults for what it leaves out, and app settings named
    /// <c>AzureFunctionsJobHost__extensions__queues__&lt;name&gt;</c> over both, as the host reads them.
    /// </summary>
    public static QueueTriggerOptions ReadQueueOptions(string appDirectory, IDictionary<string, string> settings)
    {
        var queues = ReadExtension(appDirectory, "queues");
        string? Value(string name)
            => settings.FirstOrDefault(s => s.Key.Equals(OverridePrefix + name, StringComparison.OrdinalIgnoreCase)).Value
                ?? (Property(queues, name) is { } value ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()) : null);

        var defaults = new QueueTriggerOptions();
        return new QueueTriggerOptions
        {
            BatchSize = Value("batchSize") is { } batch ? int.Parse(batch, CultureInfo.InvariantCulture) : defaults.BatchSize,
            MaxDequeueCount = Value("maxDequeueCount") is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : defaults.MaxDequeueCount,
            VisibilityTimeout = Value("visibilityTimeout") is { } timeout
                ? TimeSpan.Parse(timeout, CultureInfo.InvariantCulture)
                : defaults.VisibilityTimeout,
            MaxPollingInterval = Value("maxPollingInterval") is { } interval
                ? TimeSpan.Parse(interval, CultureInfo.InvariantCulture)
                : defaults.MaxPollingInterval,
            Base64 = Value("messageEncoding") is not { } encoding || !encoding.Equals("none", StringComparison.OrdinalIgnoreCase),
        };
    }

    private const string OverridePrefix = "AzureFunctionsJobHost__extensions__queues__";

    // The host reads its configuration without regard to case, comments and trailing commas allowed.
    private static JsonElement? ReadExtension(string appDirectory, string name)
    {
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var hostJson = JsonDocument.Parse(
            File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return Property(Property(hostJson.RootElement, "extensions"), name)?.Clone();
    }

    private static JsonElement? Property(JsonElement? element, string name)
        => element?.ValueKind == JsonValueKind.Object
            ? element.Value.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;
}
