namespace MeetingLinks.InstantConnect;

/// <summary>Says at start-up which broker the app talks to, so a wrong broker is obvious in the logs. Never logs the token.</summary>
internal sealed class InstantConnectBrokerAnnouncement(
    IOptions<InstantConnectOptions> options, ILogger<InstantConnectBrokerAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Instant Connect broker: {BaseUrl}", options.Value.BaseUrl);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
