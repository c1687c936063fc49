namespace MeetingLinks.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>API keys per role (section <c>Auth</c>), checked before each function that needs one.</summary>
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiKeyAuthorizer>();
        services.AddHostedService<AccessStartupReport>();
        return services;
    }
}
