namespace MeetingLinks.Notifications;

/// <summary>Sending the expert's messages (<c>Notifications__*</c>).</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>How long a message that Webex throttles or fails for now (408, 429, 5xx, no answer) is tried again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Notifications__RetryWindow must be between 1 minute and 1 day.")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromMinutes(15);
}
