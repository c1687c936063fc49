using MeetingLinks.Hosting;
using MeetingLinks.LocalRun.Queues;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingLinks.LocalRun;

public static class LocalRunServiceCollectionExtensions
{
    /// <summary>
    /// What only <c>dotnet run</c> needs (section <c>LocalRun</c>): development storage, started when nothing listens
    /// on its ports; the queue functions, which no host triggers here; and the regex route constraint, which the slim
    /// builder leaves out and every <c>{id}</c> uses.
    /// </summary>
    public static IServiceCollection AddLocalRun(this IServiceCollection services)
    {
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<RegexInlineRouteConstraint>("regex"));
        services.AddOptions<LocalRunOptions>().BindConfiguration(LocalRunOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<DevelopmentStorage>();

        // After development storage, which starts first and stops last.
        services.AddSingleton(HostJson.Queues(AppContext.BaseDirectory));
        services.AddHostedService<QueueTriggerPump>();
        return services;
    }
}
