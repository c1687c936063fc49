namespace MeetingLinks.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>The one sending path, from a storage queue; each feature that sends adds its <see cref="INotificationKind"/>.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<INotificationOutbox, NotificationOutbox>();
        services.AddTransient<NotificationSender>();
        return services;
    }

    public static IServiceCollection AddNotificationKind<TKind>(this IServiceCollection services)
        where TKind : class, INotificationKind
        => services.AddSingleton<TKind>().AddSingleton<INotificationKind>(provider => provider.GetRequiredService<TKind>());
}
