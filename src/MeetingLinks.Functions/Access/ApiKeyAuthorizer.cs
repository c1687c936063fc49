namespace MeetingLinks.Access;

/// <summary>
/// Checks the <c>x-api-key</c> header against the keys of a role. Keys are compared as SHA-256 digests in constant time, and
/// every configured key is compared, so timing reveals neither a key nor which one matched.
/// </summary>
public sealed class ApiKeyAuthorizer(IOptions<AccessOptions> options)
{
    public const string HeaderName = "x-api-key";

    // Longer values are not keys; refuse them before hashing anything.
    private const int MaxKeyLength = 512;

    private readonly byte[][] _flowKeys = [.. AccessOptions.Split(options.Value.FlowKeys).Select(Digest)];
    private readonly byte[][] _opsKeys = [.. AccessOptions.Split(options.Value.OpsKeys).Select(Digest)];

    public bool HasKeys(ApiRole role) => KeysOf(role).Length > 0;

    /// <summary>The role when the request carries one of its keys; otherwise why not (unauthorized or forbidden).</summary>
    public Outcome<ApiRole> Authorize(HttpRequest request, ApiRole role)
    {
        var presented = request.Headers[HeaderName].ToString();
        if (presented.Length == 0)
        {
            return Failure.Unauthorized($"Send an API key of the {Describe(role)} role in the {HeaderName} header.");
        }

        if (presented.Length > MaxKeyLength)
        {
            return Failure.Unauthorized("The API key is not valid.");
        }

        var digest = Digest(presented);
        if (Matches(digest, KeysOf(role)))
        {
            return role;
        }

        var other = role == ApiRole.Flow ? ApiRole.Ops : ApiRole.Flow;
        return Matches(digest, KeysOf(other))
            ? Failure.Forbidden($"This route needs a key of the {Describe(role)} role; the key sent belongs to the {Describe(other)} role.")
            : Failure.Unauthorized("The API key is not valid.");
    }

    private byte[][] KeysOf(ApiRole role) => role == ApiRole.Flow ? _flowKeys : _opsKeys;

    private static string Describe(ApiRole role) => role == ApiRole.Flow ? "flow" : "ops";

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    // | rather than ||, and no early exit: every key is compared.
    private static bool Matches(byte[] digest, byte[][] keys)
        => keys.Aggregate(false, (found, key) => found | CryptographicOperations.FixedTimeEquals(digest, key));
}
