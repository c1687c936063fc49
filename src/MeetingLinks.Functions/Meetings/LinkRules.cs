namespace MeetingLinks.Meetings;

/// <summary>
/// The rules every request for links shares — the create and an add-links call — with the configured defaults
/// applied here and nowhere else: the idempotency key, how many links, when they are valid, the vertical and
/// whether hosts sign in.
/// </summary>
public sealed class LinkRules(IOptions<InstantConnectOptions> brokerOptions, TimeProvider time)
{
    public const int MaxParticipants = 25;
    public const int MaxKeyLength = 200;

    // Clocks disagree a little; a validFrom slightly in the past is "now".
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxHorizon = TimeSpan.FromDays(366);

    /// <summary>The <c>Idempotency-Key</c> header, or else the body's <c>requestId</c>.</summary>
    public static string? Key(ValidationErrors errors, string? header, string? requestId)
        => header is { Length: > 0 }
            ? errors.Text("Idempotency-Key", header, MaxKeyLength)
            : errors.Text("requestId", requestId, MaxKeyLength);

    /// <summary>How many links of each kind: the defaults for what is left out, together 1 to 25.</summary>
    public static (int Hosts, int Guests) Counts(ValidationErrors errors, int? hosts, int? guests, int defaultHosts, int defaultGuests)
    {
        var (h, g) = (hosts ?? defaultHosts, guests ?? defaultGuests);
        if (h < 0)
        {
            errors.Add("hosts", "must not be negative.");
        }

        if (g < 0)
        {
            errors.Add("guests", "must not be negative.");
        }

        if (h >= 0 && g >= 0 && (h + g < 1 || h + g > MaxParticipants))
        {
            errors.Add(guests is null ? "hosts" : "guests", $"hosts + guests must be between 1 and {MaxParticipants}.");
        }

        return (h, g);
    }

    /// <summary>When the links are valid, in whole seconds (what the broker takes), with the configured lifetime.</summary>
    public LinkValidity Validity(ValidationErrors errors, DateTimeOffset? validFrom, DateTimeOffset? expiresAt)
    {
        var now = time.GetUtcNow();
        var lifetime = brokerOptions.Value.LinkLifetime;
        validFrom = validFrom is { } from ? WholeSeconds(from) : null;
        expiresAt = expiresAt is { } until ? WholeSeconds(until) : null;

        if (validFrom is { } start && (start < now - ClockSkew || start > now + MaxHorizon))
        {
            errors.Add("validFrom", "must be between now and 366 days from now.");
        }

        if (expiresAt is { } end)
        {
            var earliest = validFrom is { } s && s > now ? s : now;
            if (end <= earliest)
            {
                errors.Add("expiresAt", validFrom is null ? "must be in the future." : "must be in the future and after validFrom.");
            }
            else if (end > earliest + MaxHorizon)
            {
                errors.Add("expiresAt", "must be at most 366 days after the link becomes valid.");
            }
        }
        else if (validFrom is { } s && s + lifetime <= now)
        {
            errors.Add("validFrom", "is so far in the past that the default link lifetime has already ended; send expiresAt.");
        }

        return new LinkValidity(validFrom, expiresAt, lifetime);
    }

    /// <summary><c>hc</c> or <c>gen</c>; the configured one when left out.</summary>
    public string Vertical(ValidationErrors errors, string? requested)
    {
        var vertical = (errors.Text("verticalType", requested, 10) ?? brokerOptions.Value.VerticalType).ToLowerInvariant();
        if (!VerticalTypes.IsKnown(vertical))
        {
            errors.Add("verticalType", "must be \"hc\" (healthcare) or \"gen\" (general).");
        }

        return vertical;
    }

    public bool LoginUrlForHost(bool? requested) => requested ?? brokerOptions.Value.LoginUrlForHost;

    /// <summary>The expert to send the host links to, if any; there must then be a host link to send.</summary>
    public static Experts.ExpertTarget? Expert(ValidationErrors errors, Experts.ExpertRequest? expert, int hosts)
    {
        var target = Experts.ExpertTarget.From(errors, expert);
        if (target is not null && hosts == 0)
        {
            errors.Add("hosts", "must be at least 1 when an expert is to get the host link.");
        }

        return target;
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());
}
