namespace MeetingLinks.InstantConnect;

/// <summary>Settings for the Instant Connect broker (environment variables <c>InstantConnect__BaseUrl</c> and so on).</summary>
public sealed class InstantConnectOptions
{
    public const string Section = "InstantConnect";

    /// <summary>The broker host, Webex's by default; US-gov tenants use another one.</summary>
    public Uri BaseUrl { get; set; } = new("https://mtg-broker-a.wbx2.com");

    /// <summary>Secret. Never logged, never put in exception messages.</summary>
    public string? BotToken { get; set; }

    public string Audience { get; set; } = "a4d886b0-979f-4e2c-a958-3e8c14605e51";

    /// <summary><c>hc</c> or <c>gen</c>: the default for <see cref="MeetingLinkRequest.VerticalType"/>.</summary>
    public string VerticalType { get; set; } = "hc";

    /// <summary>The default for <see cref="MeetingLinkRequest.LoginUrlForHost"/>.</summary>
    public bool LoginUrlForHost { get; set; }

    /// <summary>How long links stay valid when a request does not say (<c>exp</c> = start + this).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Sent as <c>provideShortUrls</c>.</summary>
    public bool ShortUrls { get; set; } = true;

    /// <summary>Where long links point (<c>{LinkBaseUrl}/{vertical}/v1/login?...</c>).</summary>
    public Uri LinkBaseUrl { get; set; } = new("https://instant.webex.com");

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The whole broker call including retries; must leave room inside Webex Connect's 20 s node timeout.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(8);

    public int MaxRetries { get; set; } = 3;

    /// <summary>A longer <c>Retry-After</c> is not waited for: the call fails at once, carrying it.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(4);

    internal string BearerToken => BotToken?.Trim() ?? string.Empty;
}
