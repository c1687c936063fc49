namespace MeetingLinks.Connect;

/// <summary>Where the flow hears the expert's answer (<c>Connect__*</c>): a Webex Connect Inbound Webhook.</summary>
public sealed class ConnectOptions
{
    public const string Section = "Connect";

    /// <summary>The Inbound Webhook's URL; without it answers are only recorded.</summary>
    public Uri? EventsUrl { get; set; }

    /// <summary>The Connect service's key, sent in the <c>key</c> header the inbound webhook checks.</summary>
    public string? ServiceKey { get; set; }

    /// <summary>Signs each event (<c>x-hub-signature: sha256=…</c>, the HMAC-SHA256 of the body) for the webhook's signature check.</summary>
    public string? EventsSecret { get; set; }

    /// <summary>How long an event that Connect throttles or fails for now (408, 429, 5xx, no answer) is tried again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Connect__RetryWindow must be between 1 minute and 1 day.")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>One attempt; a slower answer counts as no answer and is tried again later.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00", ErrorMessage = "Connect__RequestTimeout must be between 1 and 60 seconds.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
