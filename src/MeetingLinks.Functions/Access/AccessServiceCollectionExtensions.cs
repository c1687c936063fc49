using MeetingLinks.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingLinks.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>API keys per role (section <c>Auth</c>), checked before each function that needs one.</summary>
    public static IServiceCollection AddAccess(this IServiceCollection services, HostingMode mode)
    {
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DevelopmentKeys>();
        services.AddSingleton<ApiKeyAuthorizer>();
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<AccessStartupReport>(provider, mode));
        return services;
    }
}
