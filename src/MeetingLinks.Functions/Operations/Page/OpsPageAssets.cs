using System.Collections.Frozen;

namespace MeetingLinks.Operations.Page;

/// <summary>
/// The ops page's files, read once from the resources embedded in this assembly
/// (<c>OpsPage/&lt;name&gt;</c>), and <see cref="OpsPageVocabulary"/>'s module written next to them.
/// Only files with a known type are served; everything else is unknown.
/// </summary>
public static class OpsPageAssets
{
    public const string IndexFile = "index.html";

    private const string ResourcePrefix = "OpsPage/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, OpsPageAsset>> Files = new(Load);

    /// <summary>The names of every file there is, the page included.</summary>
    public static IEnumerable<string> Names => Files.Value.Keys;

    /// <summary>The file with exactly this name (no folders), or null.</summary>
    public static OpsPageAsset? Find(string? name)
        => name is { Length: > 0 } && Files.Value.TryGetValue(name, out var asset) ? asset : null;

    private static FrozenDictionary<string, OpsPageAsset> Load()
    {
        var assembly = typeof(OpsPageAssets).Assembly;
        var files = new Dictionary<string, OpsPageAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            if (name.Contains('/', StringComparison.Ordinal) || !ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files[name] = Asset(name, contentType, buffer.ToArray());
        }

        var vocabulary = OpsPageVocabulary.FileName;
        if (!files.TryAdd(vocabulary, Asset(vocabulary, ContentTypes[".js"], Encoding.UTF8.GetBytes(OpsPageVocabulary.Module()))))
        {
            throw new InvalidOperationException($"{vocabulary} is written by the service; the page must not ship a file of that name.");
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static OpsPageAsset Asset(string name, string contentType, byte[] content)
        => new(name, contentType, content, ETag: $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
}

/// <param name="ETag">A strong validator from the content, so browsers revalidate cheaply after a deployment.</param>
public sealed record OpsPageAsset(string Name, string ContentType, ReadOnlyMemory<byte> Content, string ETag)
{
    public bool IsHtml => Name.EndsWith(".html", StringComparison.Ordinal);
}
