using System.Text.Json;

namespace MeetingLinks.Hosting;

/// <summary>What the local run takes from <c>host.json</c>, so it serves routes where the Functions host does.</summary>
public static class HostJson
{
    public const string DefaultRoutePrefix = "api";

    /// <summary><c>extensions.http.routePrefix</c> of the <c>host.json</c> in <paramref name="appDirectory"/>; <c>api</c> when unset.</summary>
    public static string RoutePrefix(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path))
        {
            return DefaultRoutePrefix;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
            && prefix.ValueKind == JsonValueKind.String
                ? prefix.GetString()!.Trim('/')
                : DefaultRoutePrefix;
    }
}
