using MeetingLinks.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>API keys per role, checked by the functions themselves.</summary>
    public static IServiceCollection AddAccess(this IServiceCollection services, HostingMode mode)
    {
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section);
        services.AddSingleton(sp => new ApiKeyAuthorizer(sp.GetRequiredService<IOptions<AccessOptions>>(), mode));
        services.AddHostedService<AccessStartupReport>();
        return services;
    }
}
