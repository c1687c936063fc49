using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// The expert's link, delivered in Webex from a storage queue (sections <c>Notifications</c> and <c>Webex</c>).
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebexOptions>().BindConfiguration(WebexOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<INotificationOutbox, NotificationOutbox>();
        services.AddHttpClient<WebexMessagesClient>((provider, http) =>
                http.Timeout = provider.GetRequiredService<IOptions<WebexOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddTransient<ExpertNotifier>();
        services.AddSingleton<ExpertResender>();
        return services;
    }
}
