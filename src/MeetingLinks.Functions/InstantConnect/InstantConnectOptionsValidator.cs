namespace MeetingLinks.InstantConnect;

/// <summary>Checks <see cref="InstantConnectOptions"/> at start-up; messages name the environment variable to fix.</summary>
internal static class InstantConnectOptionsValidator
{
    public const string MissingBotTokenMessage =
        "InstantConnect__BotToken is not set. Set it to a Webex bot token (see the README: Before it works with Webex).";

    /// <summary>One check per setting; every failing one is reported, in this order.</summary>
    public static OptionsBuilder<InstantConnectOptions> ValidateAll(this OptionsBuilder<InstantConnectOptions> options) => options
        .Validate(o => !string.IsNullOrWhiteSpace(o.BotToken), MissingBotTokenMessage)
        .Validate(o => IsHttpUrl(o.BaseUrl),
            "InstantConnect__BaseUrl must be an absolute http(s) URL, e.g. https://mtg-broker-a.wbx2.com.")
        .Validate(o => IsHttpUrl(o.LinkBaseUrl),
            "InstantConnect__LinkBaseUrl must be an absolute http(s) URL, e.g. https://instant.webex.com.")
        .Validate(o => !string.IsNullOrWhiteSpace(o.Audience), "InstantConnect__Audience must not be empty.")
        .Validate(o => VerticalTypes.IsKnown(o.VerticalType), "InstantConnect__VerticalType must be 'hc' or 'gen'.")
        .Validate(o => o.LinkLifetime > TimeSpan.Zero && o.LinkLifetime <= TimeSpan.FromDays(366),
            "InstantConnect__LinkLifetime must be more than 0 and at most 366 days (e.g. 1.00:00:00 for one day).")
        // Webex Connect gives a node 20 s; the service needs the rest for its own work.
        .Validate(o => o.TotalTimeout > TimeSpan.Zero && o.TotalTimeout <= TimeSpan.FromSeconds(15),
            "InstantConnect__TotalTimeout must be more than 0 and at most 15 seconds, to stay inside Webex Connect's 20 s node timeout.")
        .Validate(o => o.AttemptTimeout > TimeSpan.Zero && o.AttemptTimeout < o.TotalTimeout,
            "InstantConnect__AttemptTimeout must be more than 0 and less than InstantConnect__TotalTimeout.")
        .Validate(o => o.MaxRetries is >= 0 and <= BrokerResilience.MaxRetriesLimit,
            $"InstantConnect__MaxRetries must be between 0 and {BrokerResilience.MaxRetriesLimit}.")
        // Judged only for a count in range: one out of range gets one message.
        .Validate(o => o.MaxRetries is < 0 or > BrokerResilience.MaxRetriesLimit
            || BrokerResilience.WorstCaseBackoff(o.MaxRetries) <= o.TotalTimeout,
            "InstantConnect__MaxRetries backs off for longer than InstantConnect__TotalTimeout allows; lower it or raise the timeout.")
        .Validate(o => o.MaxRetryAfter >= TimeSpan.Zero && o.MaxRetryAfter < o.TotalTimeout,
            "InstantConnect__MaxRetryAfter must be at least 0 and less than InstantConnect__TotalTimeout.");

    internal static bool IsHttpUrl(Uri? url) => url is { IsAbsoluteUri: true, Scheme: "https" or "http" };
}
