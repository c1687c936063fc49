namespace MeetingLinks.InstantConnect;

/// <summary>Turns the broker's answer into the links to hand out, short where the broker gave a short code, long otherwise.</summary>
internal static class BrokerLinks
{
    public static MeetingLinkSet Build(BrokerResponse? response, int statusCode, MeetingLinkRequest request, InstantConnectOptions options)
    {
        if (response is null)
        {
            throw BrokerFailures.Malformed("the body was empty", statusCode);
        }

        var builder = new LinkBuilder(response.BaseUrl, request.VerticalType, options, statusCode);
        var hosts = builder.Build(response.Host, "host", request.Hosts, "login");
        var guests = builder.Build(response.Guest, "guest", request.Guests, "talk");
        return new MeetingLinkSet(hosts, guests, builder.UsedShortLinks ? response.BaseUrl : null);
    }

    private sealed class LinkBuilder(string? baseUrl, string vertical, InstantConnectOptions options, int statusCode)
    {
        public bool UsedShortLinks { get; private set; }

        public List<MeetingLink> Build(IReadOnlyList<BrokerLink?>? links, string role, int expected, string longLinkPage)
        {
            if (links is null)
            {
                return expected == 0 ? [] : throw BrokerFailures.Malformed($"the '{role}' array is missing", statusCode);
            }

            if (links.Count < expected)
            {
                throw BrokerFailures.Malformed($"asked for {expected} {role} link(s), got {links.Count}", statusCode);
            }

            var built = new List<MeetingLink>(expected);
            foreach (var link in links.Take(expected))
            {
                if (string.IsNullOrEmpty(link?.Cipher))
                {
                    throw BrokerFailures.Malformed($"a '{role}' entry has no cipher", statusCode);
                }

                built.Add(options.ShortUrls && !string.IsNullOrEmpty(link.Short)
                    ? ShortLink(link.Short)
                    : LongLink(link.Cipher, longLinkPage));
            }

            return built;
        }

        private MeetingLink ShortLink(string code)
        {
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
            {
                throw BrokerFailures.Malformed("short codes came without a usable 'baseUrl'", statusCode);
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
