namespace MeetingLinks.Webex;

/// <summary>
/// Makes sure exactly one webhook for pressed buttons (<c>attachmentActions</c>/<c>created</c>) points at
/// <c>Webex__WebhookUrl</c> with the current secret: creates it, or updates the first one found (and makes it active
/// again after Webex turned it off), and removes the others that are ours. Safe to run any number of times.
/// </summary>
public sealed class WebhookRegistration(WebexClient webex, IOptions<WebexOptions> options, IConfiguration configuration, ILogger<WebhookRegistration> logger)
{
    public const string WebhookName = "Meeting links: the expert's answers";
    private const string Resource = "attachmentActions";
    private const string Event = "created";

    /// <summary>Where Webex is to call: the setting, or in Azure the app's own host name.</summary>
    public Uri? TargetUrl => options.Value.WebhookUrl
        ?? (configuration["WEBSITE_HOSTNAME"] is { Length: > 0 } host ? new Uri($"https://{host}/api/webex/events") : null);

    public async Task<Outcome<WebhookAnswer>> EnsureAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WebhookSecret is not { Length: > 0 } secret)
        {
            return new Failure(FailureKind.Conflict, ProblemCodes.WebhookNotConfigured, "No webhook secret", "Set Webex__WebhookSecret first.");
        }

        if (TargetUrl is not { } target)
        {
            return new Failure(FailureKind.Conflict, ProblemCodes.WebhookNotConfigured, "No webhook URL",
                "Set Webex__WebhookUrl to this app's https://<host>/api/webex/events.");
        }

        if (!(await webex.ListWebhooksAsync(cancellationToken)).TryGet(out var all, out var unlisted))
        {
            return unlisted;
        }

        var wanted = new WebexWebhook(null, WebhookName, target.AbsoluteUri, Resource, Event, secret);
        var ours = all.Where(w => w.Resource == Resource && w.Event == Event && (w.Name == WebhookName || w.TargetUrl == wanted.TargetUrl))
            .OrderByDescending(w => w.TargetUrl == wanted.TargetUrl).ToList();
        var kept = ours.Count == 0
            ? await webex.CreateWebhookAsync(wanted, cancellationToken)
            : await webex.UpdateWebhookAsync(ours[0].Id!, wanted, cancellationToken);
        if (!kept.TryGet(out var webhook, out var refused))
        {
            return refused;
        }

        foreach (var extra in ours.Skip(1))
        {
            if ((await webex.DeleteWebhookAsync(extra.Id!, cancellationToken)).Failure is { } notRemoved)
            {
                return notRemoved;
            }
        }

        var action = ours.Count == 0 ? "created" : "updated";
        logger.LogInformation("Webex webhook {WebhookId} {Action} for {TargetUrl}; {Removed} duplicate(s) removed", webhook.Id, action, target, ours.Count - Math.Min(1, ours.Count));
        return new WebhookAnswer(webhook.Id, target.AbsoluteUri, action, Math.Max(0, ours.Count - 1));
    }
}

/// <summary>What ops are told: which webhook, where it points, and what was done.</summary>
public sealed record WebhookAnswer(string? WebhookId, string TargetUrl, string Action, int Removed);
