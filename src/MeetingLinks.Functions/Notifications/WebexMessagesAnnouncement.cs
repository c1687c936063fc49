using MeetingLinks.InstantConnect;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Notifications;

/// <summary>Says at start-up where the expert's messages go, so a sandbox left on (or off) is obvious in the logs.</summary>
internal sealed class WebexMessagesAnnouncement(
    IOptions<WebexOptions> options, IOptions<InstantConnectOptions> broker, ILogger<WebexMessagesAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var webex = options.Value;
        if (webex.UsesSandbox(broker.Value))
        {
            logger.LogInformation("Webex messages: sandbox (GET /api/sandbox/messages shows them)");
        }
        else
        {
            logger.LogInformation("Webex messages: {ApiBaseUrl}", webex.ApiBaseUrl);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
