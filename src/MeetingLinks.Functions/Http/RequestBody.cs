namespace MeetingLinks.Http;

/// <summary>Reads a request body whole, but never more than a cap, whatever Content-Length claims.</summary>
public static class RequestBody
{
    /// <summary>The body's exact bytes, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadCappedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        // Room for one byte more than allowed: filling it means the body is too long.
        var buffer = new byte[maxBytes + 1];
        var length = await request.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return length > maxBytes ? null : buffer[..length];
    }
}
