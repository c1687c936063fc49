using System.Text.Json;

namespace MeetingLinks.LocalRun;

/// <summary>
/// Reads the <c>Values</c> of a Core Tools <c>local.settings.json</c>, so a local run and
/// <c>func start</c> share one settings file. <c>__</c> in a name is the section separator.
/// </summary>
public static class LocalSettings
{
    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return values;
        }

        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        if (document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var setting in section.EnumerateObject())
            {
                values[setting.Name.Replace("__", ":", StringComparison.Ordinal)] = setting.Value.ValueKind switch
                {
                    JsonValueKind.String => setting.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => setting.Value.GetRawText(),
                };
            }
        }

        return values;
    }
}
