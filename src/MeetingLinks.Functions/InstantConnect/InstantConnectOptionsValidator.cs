using Microsoft.Extensions.Options;

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
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            failures.Add(MissingBotTokenMessage);
        }

        if (!IsHttpUrl(options.BaseUrl))
        {
            failures.Add("InstantConnect__BaseUrl must be an absolute http(s) URL, e.g. https://mtg-broker-a.wbx2.com.");
        }

        if (!IsHttpUrl(options.LinkBaseUrl))
        {
            failures.Add("InstantConnect__LinkBaseUrl must be an absolute http(s) URL, e.g. https://instant.webex.com.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("InstantConnect__Audience must not be empty.");
        }

        if (!VerticalTypes.IsKnown(options.VerticalType))
        {
            failures.Add("InstantConnect__VerticalType must be 'hc' or 'gen'.");
        }

        if (options.LinkLifetime <= TimeSpan.Zero || options.LinkLifetime > MaxLinkLifetime)
        {
            failures.Add("InstantConnect__LinkLifetime must be more than 0 and at most 366 days (e.g. 1.00:00:00 for one day).");
        }

        AddTimingFailures(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddTimingFailures(InstantConnectOptions options, List<string> failures)
    {
        if (options.TotalTimeout <= TimeSpan.Zero || options.TotalTimeout > MaxTotalTimeout)
        {
            failures.Add("InstantConnect__TotalTimeout must be more than 0 and at most 15 seconds, to stay inside Webex Connect's 20 s node timeout.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout >= options.TotalTimeout)
        {
            failures.Add("InstantConnect__AttemptTimeout must be more than 0 and less than InstantConnect__TotalTimeout.");
        }

        if (options.MaxRetries is < 0 or > BrokerResilience.MaxRetriesLimit)
        {
            failures.Add($"InstantConnect__MaxRetries must be between 0 and {BrokerResilience.MaxRetriesLimit}.");
        }
        else if (BrokerResilience.WorstCaseBackoff(options.MaxRetries) > options.TotalTimeout)
        {
            failures.Add("InstantConnect__MaxRetries backs off for longer than InstantConnect__TotalTimeout allows; lower it or raise the timeout.");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero || options.MaxRetryAfter >= options.TotalTimeout)
        {
            failures.Add("InstantConnect__MaxRetryAfter must be at least 0 and less than InstantConnect__TotalTimeout.");
        }
    }

    private static bool IsHttpUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
