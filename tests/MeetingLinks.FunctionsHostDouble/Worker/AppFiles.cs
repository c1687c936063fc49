using System.Text.Json;

namespace MeetingLinks.HostDouble.Worker;

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
    {
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path))
        {
            return "api";
        }

        // The host reads its configuration without regard to case, comments and trailing commas allowed.
        using var hostJson = JsonDocument.Parse(
            File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var prefix = Property(Property(Property(hostJson.RootElement, "extensions"), "http"), "routePrefix");
        return prefix?.ValueKind == JsonValueKind.String ? prefix.Value.GetString()! : "api";

        static JsonElement? Property(JsonElement? element, string name)
            => element?.ValueKind == JsonValueKind.Object
                ? element.Value.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
                : null;
    }
}
