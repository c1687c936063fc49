namespace MeetingLinks.Meetings;

public sealed class MeetingsOptions
{
    public const string Section = "Meetings";

    /// <summary>The whole create call, storage and broker included: Webex Connect's HTTP node gives up after 20 s at most.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:18", ErrorMessage = "Meetings__CreateBudget must be between 1 and 18 seconds.")]
    public TimeSpan CreateBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an idempotency key is honoured (at least a day).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "30.00:00:00", ErrorMessage = "Meetings__IdempotencyKeyLifetime must be between 1 and 30 days.")]
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Meetings created more than this many days ago are purged.</summary>
    [Range(1, 3650, ErrorMessage = "Meetings__RetentionDays must be between 1 and 3650.")]
    public int RetentionDays { get; set; } = 90;

    /// <summary>How long a caller should wait after a 503 caused by storage.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Meetings__StorageRetryAfter must be between 1 second and 10 minutes.")]
    public TimeSpan StorageRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    public const int MaxBodyBytes = 16 * 1024;
}
