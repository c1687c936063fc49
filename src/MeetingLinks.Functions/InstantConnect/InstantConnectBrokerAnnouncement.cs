using MeetingLinks.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingLinks.InstantConnect;

/// <summary>Says at start-up which broker the app talks to, so a misconfigured sandbox is obvious in the logs. Never logs the token.</summary>
internal sealed class InstantConnectBrokerAnnouncement(
    IOptions<InstantConnectOptions> options,
    IOptions<SandboxOptions> sandbox,
    HostingMode mode,
    ILogger<InstantConnectBrokerAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.SandboxEnabled)
        {
            logger.LogInformation("Instant Connect broker: {BaseUrl}", settings.BaseUrl);
            return Task.CompletedTask;
        }

        logger.LogInformation("Instant Connect broker: sandbox (links under {VisitBaseUrl})", sandbox.Value.VisitBaseUrl);
        if (settings.BaseUrl != InstantConnectOptions.DefaultBaseUrl)
        {
            logger.LogWarning(
                "InstantConnect__BaseUrl is set to {BaseUrl}, but the sandbox broker answers instead; set InstantConnect__BotToken (or InstantConnect__Sandbox=false) to call it",
                settings.BaseUrl);
        }

        if (mode == HostingMode.FunctionsHost)
        {
            logger.LogWarning("Instant Connect sandbox is on under the Functions host (InstantConnect__Sandbox=true): no real Webex meetings will be created");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
