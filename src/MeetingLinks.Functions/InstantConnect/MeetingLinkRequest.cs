namespace MeetingLinks.InstantConnect;

/// <summary>What the service asks the broker for: one meeting space identified by <see cref="Sub"/>.</summary>
/// <param name="Sub">Server-generated; letters, digits and hyphens. The same value returns the same space.</param>
/// <param name="NotBefore">Sent as <c>jwt.nbf</c> when set.</param>
/// <param name="ExpiresAt">Always sent as <c>jwt.exp</c>.</param>
/// <param name="Devices">SIP URIs of video devices to dial in (<c>jwt.flow</c>); empty for none.</param>
public sealed record MeetingLinkRequest(
    string Sub,
    DateTimeOffset? NotBefore,
    DateTimeOffset ExpiresAt,
    int Hosts,
    int Guests,
    string VerticalType,
    bool LoginUrlForHost,
    IReadOnlyList<string> Devices);

/// <summary>The links the broker returned, already turned into URLs.</summary>
/// <param name="BaseUrl">The broker's <c>baseUrl</c> for short links; null when short URLs are off.</param>
public sealed record MeetingLinkSet(IReadOnlyList<MeetingLink> Hosts, IReadOnlyList<MeetingLink> Guests, string? BaseUrl);

/// <param name="Url">The link to hand out: <c>baseUrl + short</c>, or the long link.</param>
/// <param name="ShortCode">The broker's short code, or null for a long link.</param>
public sealed record MeetingLink(string Url, string? ShortCode);
