using System.ComponentModel.DataAnnotations;
namespace MeetingLinks.Notifications;

/// <summary>Sending the expert's messages (<c>Notifications__*</c>).</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>How long a message that Webex throttles or fails for now (408, 429, 5xx, no answer) is tried again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Notifications__RetryWindow must be between 1 minute and 1 day.")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>The Webex REST API the bot sends messages through (<c>Webex__*</c>); its token is the Instant Connect bot token.</summary>
public sealed class WebexOptions
{
    public const string Section = "Webex";

    /// <summary>Webex's public REST API.</summary>
    public static readonly Uri PublicApiBaseUrl = new("https://webexapis.com");

    /// <summary>US government organisations use another host.</summary>
    [Required(ErrorMessage = "Webex__ApiBaseUrl must be set.")]
    public Uri ApiBaseUrl { get; set; } = PublicApiBaseUrl;

    /// <summary>One attempt; a slower answer counts as no answer and is tried again later.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00", ErrorMessage = "Webex__RequestTimeout must be between 1 and 60 seconds.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
