namespace MeetingLinks.Webex;

/// <summary>The Webex REST API the bot sends messages through (<c>Webex__*</c>); its token is the Instant Connect bot token.</summary>
public sealed class WebexOptions
{
    public const string Section = "Webex";

    public static readonly Uri PublicApiBaseUrl = new("https://webexapis.com");

    /// <summary>US government organisations use another host.</summary>
    [Required(ErrorMessage = "Webex__ApiBaseUrl must be set.")]
    public Uri ApiBaseUrl { get; set; } = PublicApiBaseUrl;

    /// <summary>The secret of the webhook that tells of pressed buttons; without it <c>POST /api/webex/events</c> answers 401.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Where Webex calls with pressed buttons; by default the app's own <c>/api/webex/events</c> in Azure.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>One attempt; a slower answer counts as no answer and is tried again later.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00", ErrorMessage = "Webex__RequestTimeout must be between 1 and 60 seconds.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
