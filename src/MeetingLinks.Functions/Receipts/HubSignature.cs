namespace MeetingLinks.Receipts;

/// <summary>
/// Checks Webex Connect's <c>x-hub-signature</c>: the hex HMAC-SHA256 or HMAC-SHA512 of the raw body with the webhook's secret, as
/// <c>sha256=…</c>, <c>sha512=…</c> or bare hex (the length then names the algorithm), in any case; compared in constant time.
/// </summary>
public static class HubSignature
{
    public const string HeaderName = "x-hub-signature";

    private const int Sha256Bytes = 32;
    private const int Sha512Bytes = 64;

    public static bool IsValid(string? header, ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret)
    {
        var hex = header.AsSpan().Trim();
        var separator = hex.IndexOf('=');
        if (separator >= 0)
        {
            // A prefix names the algorithm, so the digest must have its length.
            var prefix = hex[..separator].Trim();
            var named = prefix.Equals("sha256", StringComparison.OrdinalIgnoreCase) ? Sha256Bytes
                : prefix.Equals("sha512", StringComparison.OrdinalIgnoreCase) ? Sha512Bytes
                : 0;
            hex = hex[(separator + 1)..].Trim();
            if (hex.Length != named * 2)
            {
                return false;
            }
        }

        Span<byte> presented = stackalloc byte[Sha512Bytes];
        if (secret.IsEmpty || hex.Length is not (Sha256Bytes * 2 or Sha512Bytes * 2)
            || Convert.FromHexString(hex, presented, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }

        Span<byte> computed = stackalloc byte[Sha512Bytes];
        var length = written == Sha256Bytes
            ? HMACSHA256.HashData(secret, body, computed)
            : HMACSHA512.HashData(secret, body, computed);
        return CryptographicOperations.FixedTimeEquals(computed[..length], presented[..written]);
    }
}
