namespace MeetingLinks.Meetings;

/// <summary>One link the broker issued for a meeting; a record keeps every one it ever had.</summary>
/// <param name="Kind"><see cref="Host"/> or <see cref="Guest"/>.</param>
/// <param name="ShortCode">The broker's short code (the link is <c>baseUrl + code</c>); null for a long link.</param>
/// <param name="Batch">The call that issued it: <see cref="CreateBatch"/>, or the id of an add-links call.</param>
public sealed record IssuedLink(
    string Kind, string Url, string? ShortCode, DateTimeOffset ValidFrom, DateTimeOffset ExpiresAt, DateTimeOffset IssuedAt, string Batch)
{
    public const string Host = "host";
    public const string Guest = "guest";

    /// <summary>The batch of the links the create call handed out.</summary>
    public const string CreateBatch = "create";

    /// <summary>The short-link base the broker gave (<c>https://instant.webex.com/visit/</c>), or null for a long link.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? BaseUrl => ShortCode is { Length: > 0 } code && Url.EndsWith(code, StringComparison.Ordinal) ? Url[..^code.Length] : null;

    /// <summary>The links of one broker answer, as the record keeps them.</summary>
    public static IEnumerable<IssuedLink> From(
        MeetingLinkSet links, DateTimeOffset validFrom, DateTimeOffset expiresAt, DateTimeOffset issuedAt, string batch)
        => links.Hosts.Select(l => new IssuedLink(Host, l.Url, l.ShortCode, validFrom, expiresAt, issuedAt, batch))
            .Concat(links.Guests.Select(l => new IssuedLink(Guest, l.Url, l.ShortCode, validFrom, expiresAt, issuedAt, batch)));
}
