namespace MeetingLinks.InstantConnect;

/// <summary>Checks <see cref="InstantConnectOptions"/> at start-up; messages name the environment variable to fix.</summary>
public sealed class InstantConnectOptionsValidator : IValidateOptions<InstantConnectOptions>
{
    public const string MissingBotTokenMessage =
        "InstantConnect__BotToken is not set. Set it to a Webex bot token (see the README: Before it works with Webex).";

    private static readonly TimeSpan MaxLinkLifetime = TimeSpan.FromDays(366);

    // Webex Connect gives a node 20 s; the service needs the rest for its own work.
    private static readonly TimeSpan MaxTotalTimeout = TimeSpan.FromSeconds(15);

    public ValidateOptionsResult Validate(string? name, InstantConnectOptions options)
    {
        string?[] checks =
        [
            string.IsNullOrWhiteSpace(options.BotToken) ? MissingBotTokenMessage : null,
            IsHttpUrl(options.BaseUrl) ? null
                : "InstantConnect__BaseUrl must be an absolute http(s) URL, e.g. https://mtg-broker-a.wbx2.com.",
            IsHttpUrl(options.LinkBaseUrl) ? null
                : "InstantConnect__LinkBaseUrl must be an absolute http(s) URL, e.g. https://instant.webex.com.",
            string.IsNullOrWhiteSpace(options.Audience) ? "InstantConnect__Audience must not be empty." : null,
            VerticalTypes.IsKnown(options.VerticalType) ? null : "InstantConnect__VerticalType must be 'hc' or 'gen'.",
            options.LinkLifetime <= TimeSpan.Zero || options.LinkLifetime > MaxLinkLifetime
                ? "InstantConnect__LinkLifetime must be more than 0 and at most 366 days (e.g. 1.00:00:00 for one day)."
                : null,
            options.TotalTimeout <= TimeSpan.Zero || options.TotalTimeout > MaxTotalTimeout
                ? "InstantConnect__TotalTimeout must be more than 0 and at most 15 seconds, to stay inside Webex Connect's 20 s node timeout."
                : null,
            options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout >= options.TotalTimeout
                ? "InstantConnect__AttemptTimeout must be more than 0 and less than InstantConnect__TotalTimeout."
                : null,
            options.MaxRetries is < 0 or > BrokerResilience.MaxRetriesLimit
                ? $"InstantConnect__MaxRetries must be between 0 and {BrokerResilience.MaxRetriesLimit}."
                : BrokerResilience.WorstCaseBackoff(options.MaxRetries) > options.TotalTimeout
                    ? "InstantConnect__MaxRetries backs off for longer than InstantConnect__TotalTimeout allows; lower it or raise the timeout."
                    : null,
            options.MaxRetryAfter < TimeSpan.Zero || options.MaxRetryAfter >= options.TotalTimeout
                ? "InstantConnect__MaxRetryAfter must be at least 0 and less than InstantConnect__TotalTimeout."
                : null,
        ];
        string[] failures = [.. checks.OfType<string>()];
        return failures.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsHttpUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
