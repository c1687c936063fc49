using Microsoft.Extensions.DependencyInjection;

namespace MeetingLinks.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>The expert's link, delivered in Webex from a storage queue.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingleton<ExpertNotifier>();
        return services;
    }
}
