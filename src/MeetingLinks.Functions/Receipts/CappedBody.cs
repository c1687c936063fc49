using Microsoft.AspNetCore.Http;

namespace MeetingLinks.Receipts;

/// <summary>The raw request body, exactly as sent (the signature covers these bytes), up to a limit.</summary>
internal static class CappedBody
{
    /// <summary>The body, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>An empty body or <c>{}</c>: what a URL check posts, not a receipt.</summary>
    public static bool IsTestCall(ReadOnlySpan<byte> body)
    {
        var trimmed = body.Trim(" \t\r\n"u8);
        return trimmed.IsEmpty
            || (trimmed.Length >= 2 && trimmed[0] == (byte)'{' && trimmed[^1] == (byte)'}' && trimmed[1..^1].Trim(" \t\r\n"u8).IsEmpty);
    }
}
