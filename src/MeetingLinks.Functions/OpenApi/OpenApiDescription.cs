using EntityTag = Microsoft.Net.Http.Headers.EntityTagHeaderValue;

namespace MeetingLinks.OpenApi;

/// <summary>
/// The OpenAPI 3.1 description, <c>openapi.json</c> beside this file, embedded and read once. Written by hand: the tests
/// hold it to the functions, their roles and route constraints, and the examples in the guides (the README files).
/// </summary>
public static class OpenApiDescription
{
    public const string ResourceName = "OpenApi/openapi.json";

    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>The document exactly as it is served.</summary>
    public static ReadOnlyMemory<byte> Content { get; } = Load();

    /// <summary>A strong validator from the content, so a gateway or browser revalidates cheaply after a deployment.</summary>
    public static EntityTag ETag { get; } = new($"\"{Convert.ToHexStringLower(SHA256.HashData(Content.Span))[..16]}\"");

    private static byte[] Load()
    {
        using var stream = typeof(OpenApiDescription).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly has no resource {ResourceName}.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
