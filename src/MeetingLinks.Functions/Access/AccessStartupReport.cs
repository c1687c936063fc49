using MeetingLinks.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.Access;

/// <summary>
/// Says once the server listens which keys are in force, so a 401 on every call is never a mystery.
/// It is also where a local run with no keys decides on the development keys: only when every
/// address it listens on is loopback, which is known for certain only after the server started.
/// </summary>
internal sealed class AccessStartupReport(
    HostingMode mode,
    ApiKeyAuthorizer authorizer,
    DevelopmentKeys developmentKeys,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<AccessStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Report);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal void Report()
    {
        if (mode == HostingMode.LocalRun && !authorizer.HasKeys(ApiRole.Flow) && !authorizer.HasKeys(ApiRole.Ops))
        {
            var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
            if (LoopbackAddresses.OnlyLoopback(addresses))
            {
                developmentKeys.Enable();
                logger.LogWarning(
                    "No API keys are configured: this local run accepts the development keys {FlowKey} (flow) and {OpsKey} (ops) in x-api-key. Set Auth__FlowKeys and Auth__OpsKeys to use your own.",
                    AccessOptions.DevelopmentFlowKey,
                    AccessOptions.DevelopmentOpsKey);
                return;
            }

            logger.LogError(
                "No API keys are configured and this local run listens on {Addresses}, not only on loopback: the development keys are refused and every call but health is answered 401. Set Auth__FlowKeys and Auth__OpsKeys.",
                addresses.Length == 0 ? "(unknown addresses)" : string.Join(", ", addresses));
            return;
        }

        if (!authorizer.HasKeys(ApiRole.Flow))
        {
            logger.LogError("Auth__FlowKeys is not set: create and events calls will be answered 401.");
        }

        if (!authorizer.HasKeys(ApiRole.Ops))
        {
            logger.LogError("Auth__OpsKeys is not set: record reads and exports will be answered 401.");
        }
    }
}
