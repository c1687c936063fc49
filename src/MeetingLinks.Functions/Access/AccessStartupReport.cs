namespace MeetingLinks.Access;

/// <summary>Says at start-up which role has no keys, so a 401 on every call is never a mystery.</summary>
internal sealed class AccessStartupReport(ApiKeyAuthorizer authorizer, ILogger<AccessStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!authorizer.HasKeys(ApiRole.Flow))
        {
            logger.LogError("Auth__FlowKeys is not set: create and events calls will be answered 401.");
        }

        if (!authorizer.HasKeys(ApiRole.Ops))
        {
            logger.LogError("Auth__OpsKeys is not set: record reads and exports will be answered 401.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
