using System.Security.Cryptography;
using System.Text;
using MeetingLinks.Hosting;
using MeetingLinks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Access;

/// <summary>
/// Checks the <c>x-api-key</c> header against the keys of a role. The same code runs under the
/// Functions host and in a local run. Keys are compared as SHA-256 digests in constant time, and
/// every configured key is compared, so timing reveals neither a key nor which one matched.
/// </summary>
public sealed class ApiKeyAuthorizer
{
    public const string HeaderName = "x-api-key";

    // Longer values are not keys; refuse them before hashing anything.
    private const int MaxKeyLength = 512;

    private readonly byte[][] _flowKeys;
    private readonly byte[][] _opsKeys;

    public ApiKeyAuthorizer(IOptions<AccessOptions> options, HostingMode mode)
    {
        ArgumentNullException.ThrowIfNull(options);
        var flow = AccessOptions.Split(options.Value.FlowKeys);
        var ops = AccessOptions.Split(options.Value.OpsKeys);
        UsesDevelopmentKeys = mode == HostingMode.LocalRun && flow.Count == 0 && ops.Count == 0;
        if (UsesDevelopmentKeys)
        {
            flow = [AccessOptions.DevelopmentFlowKey];
            ops = [AccessOptions.DevelopmentOpsKey];
        }

        _flowKeys = [.. flow.Select(Digest)];
        _opsKeys = [.. ops.Select(Digest)];
    }

    /// <summary>True in a local run with no keys configured: the fixed development keys work.</summary>
    public bool UsesDevelopmentKeys { get; }

    public bool HasKeys(ApiRole role) => KeysOf(role).Length > 0;

    /// <summary>Null when the request carries a key of <paramref name="role"/>; otherwise the 401 or 403 to answer.</summary>
    public ProblemResult? Authorize(HttpRequest request, ApiRole role)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = request.Headers[HeaderName].ToString();
        if (presented.Length == 0)
        {
            return Problems.Unauthorized($"Send an API key of the {Describe(role)} role in the {HeaderName} header.");
        }

        if (presented.Length > MaxKeyLength)
        {
            return Problems.Unauthorized("The API key is not valid.");
        }

        var digest = Digest(presented);
        if (Matches(digest, KeysOf(role)))
        {
            return null;
        }

        var other = role == ApiRole.Flow ? ApiRole.Ops : ApiRole.Flow;
        return Matches(digest, KeysOf(other))
            ? Problems.Forbidden($"This route needs a key of the {Describe(role)} role; the key sent belongs to the {Describe(other)} role.")
            : Problems.Unauthorized("The API key is not valid.");
    }

    private byte[][] KeysOf(ApiRole role) => role == ApiRole.Flow ? _flowKeys : _opsKeys;

    private static string Describe(ApiRole role) => role == ApiRole.Flow ? "flow" : "ops";

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static bool Matches(byte[] digest, byte[][] keys)
    {
        var found = false;
        foreach (var key in keys)
        {
            found |= CryptographicOperations.FixedTimeEquals(digest, key);
        }

        return found;
    }
}
