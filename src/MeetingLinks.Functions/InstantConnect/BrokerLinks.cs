namespace MeetingLinks.InstantConnect;

/// <summary>Turns the broker's answer into the links to hand out, short where the broker gave a short code, long otherwise.</summary>
internal static class BrokerLinks
{
    public static Outcome<MeetingLinkSet> Build(BrokerResponse? response, MeetingLinkRequest request, InstantConnectOptions options)
    {
        if (response is null)
        {
            return BrokerFailures.Malformed("the body was empty");
        }

        var builder = new LinkBuilder(response.BaseUrl, request.VerticalType, options);
        return builder.Build(response.Host, "host", request.Hosts, "login").Then(hosts =>
            builder.Build(response.Guest, "guest", request.Guests, "talk").Then<MeetingLinkSet>(guests =>
                new MeetingLinkSet(hosts, guests, builder.UsedShortLinks ? response.BaseUrl : null)));
    }

    private sealed class LinkBuilder(string? baseUrl, string vertical, InstantConnectOptions options)
    {
        public bool UsedShortLinks { get; private set; }

        public Outcome<List<MeetingLink>> Build(IReadOnlyList<BrokerLink?>? links, string role, int expected, string longLinkPage)
        {
            if (links is null)
            {
                return expected == 0 ? new List<MeetingLink>() : BrokerFailures.Malformed($"the '{role}' array is missing");
            }

            if (links.Count < expected)
            {
                return BrokerFailures.Malformed($"asked for {expected} {role} link(s), got {links.Count}");
            }

            var built = new List<MeetingLink>(expected);
            foreach (var link in links.Take(expected))
            {
                if (string.IsNullOrEmpty(link?.Cipher))
                {
                    return BrokerFailures.Malformed($"a '{role}' entry has no cipher");
                }

                if (!options.ShortUrls || string.IsNullOrEmpty(link.Short))
                {
                    built.Add(LongLink(link.Cipher, longLinkPage));
                }
                else if (ShortLink(link.Short) is { } shortLink)
                {
                    built.Add(shortLink);
                }
                else
                {
                    return BrokerFailures.Malformed("short codes came without a usable 'baseUrl'");
                }
            }

            return built;
        }

        private MeetingLink? ShortLink(string code)
        {
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
            {
                return null;
            }

            UsedShortLinks = true;
            return new MeetingLink($"{baseUrl!.TrimEnd('/')}/{Uri.EscapeDataString(code.TrimStart('/'))}", code);
        }

        private MeetingLink LongLink(string cipher, string page)
        {
            var root = options.LinkBaseUrl.AbsoluteUri.TrimEnd('/');
            return new MeetingLink($"{root}/{vertical}/v1/{page}?int=jose&v=1&data={Uri.EscapeDataString(cipher)}", null);
        }
    }
}
