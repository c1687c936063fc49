namespace MeetingLinks.Notifications;

/// <summary>Sending the expert's messages and the sweep of open work (<c>Notifications__*</c>).</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>How long a message that Webex throttles or fails for now (408, 429, 5xx, no answer) is tried again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Notifications__RetryWindow must be between 1 minute and 1 day.")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a failed attempt of anything sent from the queue waits before the next: this after the first, twice as long
    /// after each further one, at most a minute; longer when the far end's <c>Retry-After</c> asks.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Notifications__RetryBackOff must be between 0 and 1 minute.")]
    public TimeSpan RetryBackOff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long work may stay open (a timer past its time, a message still to send) before the sweep queues it again: longer
    /// than the queue takes to bring it, so the sweep only finds what a crash lost.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Notifications__SweepAfter must be between 0 and 1 hour.")]
    public TimeSpan SweepAfter { get; set; } = TimeSpan.FromMinutes(5);
}
