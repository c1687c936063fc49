using Microsoft.Extensions.Http.Resilience;

namespace MeetingLinks.InstantConnect;

public static class InstantConnectServiceCollectionExtensions
{
    // Cap on a broker answer held in memory; real answers are a few kilobytes.
    private const int MaxResponseBytes = 1024 * 1024;

    // HttpClient's own timeout is only a backstop (it also covers reading the body); the pipeline owns the budget.
    private static readonly TimeSpan BackstopMargin = TimeSpan.FromSeconds(1);

    /// <summary>The broker client and its settings (<c>InstantConnect</c>); the host registers the clock and logging.</summary>
    public static IServiceCollection AddInstantConnect(this IServiceCollection services)
    {
        services.AddOptions<InstantConnectOptions>()
            .BindConfiguration(InstantConnectOptions.Section)
            .ValidateAll()
            .ValidateOnStart();

        services.AddHostedService<InstantConnectBrokerAnnouncement>();

        services.AddHttpClient<IInstantConnectClient, InstantConnectClient>(InstantConnectClient.HttpClientName, (provider, http) =>
            {
                http.Timeout = provider.GetRequiredService<IOptions<InstantConnectOptions>>().Value.TotalTimeout + BackstopMargin;
                http.MaxResponseContentBufferSize = MaxResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddStandardResilienceHandler()
            .Configure(BrokerResilience.Configure);

        return services;
    }
}
