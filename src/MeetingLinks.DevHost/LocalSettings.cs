using System.Text.Json;

namespace MeetingLinks.DevHost;

/// <summary>
/// Reads the <c>Values</c> of a Core Tools <c>local.settings.json</c>, so the development host and <c>func start</c>
/// share one settings file. Names stay as written (<c>__</c> separates sections), as app settings reach the worker.
/// </summary>
public static class LocalSettings
{
    public static Dictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
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
                switch (setting.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        values[setting.Name] = setting.Value.GetString()!;
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        values[setting.Name] = setting.Value.GetRawText();
                        break;
                }
            }
        }

        return values;
    }
}
