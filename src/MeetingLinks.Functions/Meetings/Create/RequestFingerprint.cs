using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MeetingLinks.Http;

namespace MeetingLinks.Meetings.Create;

/// <summary>Digests that let idempotency compare requests and store keys without keeping either.</summary>
public static class RequestFingerprint
{
    /// <summary>The request's parameters after validation and defaults, without the key itself.</summary>
    public static string Of(ValidatedCreate request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var canonical = JsonSerializer.SerializeToUtf8Bytes(request with { IdempotencyKey = null }, ApiJsonContext.Default.ValidatedCreate);
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    public static string OfKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
