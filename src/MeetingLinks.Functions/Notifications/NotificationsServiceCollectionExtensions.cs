namespace MeetingLinks.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// The one sending path, from a storage queue (section <c>Notifications</c>); each feature that sends registers its
    /// <see cref="INotificationKind"/>.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<INotificationOutbox, NotificationOutbox>();
        services.AddTransient<NotificationSender>();
        return services;
    }

    /// <summary>Registers <typeparamref name="TKind"/> as itself and as one of the sender's kinds.</summary>
    public static IServiceCollection AddNotificationKind<TKind>(this IServiceCollection services)
        where TKind : class, INotificationKind
        => services.AddSingleton<TKind>().AddSingleton<INotificationKind>(provider => provider.GetRequiredService<TKind>());
}
