using MeetingLinks.InstantConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// The expert's link, delivered in Webex from a storage queue (sections <c>Notifications</c> and <c>Webex</c>). With
    /// the sandbox on, a stand-in below the production client takes the messages, and the sandbox's mailbox shows them.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebexOptions>().BindConfiguration(WebexOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<INotificationOutbox, NotificationOutbox>();
        services.AddSingleton<SandboxMailbox>();
        services.AddTransient<SandboxMessagesHandler>();
        services.AddHttpClient<WebexMessagesClient>((provider, http) =>
                http.Timeout = provider.GetRequiredService<IOptions<WebexOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<IOptions<WebexOptions>>().Value
                    .UsesSandbox(provider.GetRequiredService<IOptions<InstantConnectOptions>>().Value)
                ? provider.GetRequiredService<SandboxMessagesHandler>()
                : new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddTransient<ExpertNotifier>();
        services.AddSingleton<ExpertResender>();
        services.AddHostedService<WebexMessagesAnnouncement>();
        return services;
    }
}
