using System.Net;

namespace MeetingLinks.DevHost;

/// <summary>Tells listening addresses that only this machine can reach from the rest.</summary>
public static class LoopbackAddresses
{
    /// <summary>True when there is at least one address and every one is loopback (<c>localhost</c>, 127.0.0.0/8, <c>::1</c>).</summary>
    public static bool OnlyLoopback(IReadOnlyCollection<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return addresses.Count > 0 && addresses.All(IsLoopback);
    }

    /// <summary>For an address such as <c>http://127.0.0.1:7071</c>; wildcards (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) and names are not loopback.</summary>
    public static bool IsLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var rest = address.Contains("://", StringComparison.Ordinal) ? address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..] : address;
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = end < 0 ? rest : rest[..end];
        var host = authority.StartsWith('[')
            ? authority[1..Math.Max(1, authority.IndexOf(']', StringComparison.Ordinal))]
            : authority.Split(':')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
