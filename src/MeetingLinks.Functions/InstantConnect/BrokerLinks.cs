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

        var shortRoot = Uri.TryCreate(response.BaseUrl, UriKind.Absolute, out var url)
            && InstantConnectOptionsValidator.IsHttpUrl(url) ? response.BaseUrl!.TrimEnd('/') : null;
        var longRoot = $"{options.LinkBaseUrl.AbsoluteUri.TrimEnd('/')}/{request.VerticalType}/v1";

        Outcome<List<MeetingLink>> Links(IReadOnlyList<BrokerLink?>? links, string role, int expected, string longLinkPage)
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
                    built.Add(new($"{longRoot}/{longLinkPage}?int=jose&v=1&data={Uri.EscapeDataString(link.Cipher)}", null));
                }
                else if (shortRoot is null)
                {
                    return BrokerFailures.Malformed("short codes came without a usable 'baseUrl'");
                }
                else
                {
                    built.Add(new($"{shortRoot}/{Uri.EscapeDataString(link.Short.TrimStart('/'))}", link.Short));
                }
            }

            return built;
        }

        // The broker's baseUrl is handed on only when a link was built on it.
        return Links(response.Host, "host", request.Hosts, "login").Then(hosts =>
            Links(response.Guest, "guest", request.Guests, "talk").Then<MeetingLinkSet>(guests => new MeetingLinkSet(
                hosts, guests, hosts.Concat(guests).Any(link => link.ShortCode is not null) ? response.BaseUrl : null)));
    }
}
