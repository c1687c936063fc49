namespace MeetingLinks.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// The one sending path and the timers, from a storage queue, and the sweep of open work; each feature that sends adds its
    /// <see cref="INotificationKind"/>, each that waits its <see cref="ITimerKind"/>.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<INotificationOutbox, NotificationOutbox>();
        services.AddTransient<NotificationSender>();
        services.AddTransient<NotificationTimers>();
        services.AddTransient<OpenWorkSweep>();
        return services;
    }

    public static IServiceCollection AddTimerKind<TKind>(this IServiceCollection services)
        where TKind : class, ITimerKind
        => services.AddSingleton<TKind>().AddSingleton<ITimerKind>(provider => provider.GetRequiredService<TKind>());

    public static IServiceCollection AddNotificationKind<TKind>(this IServiceCollection services)
        where TKind : class, INotificationKind
        => services.AddSingleton<TKind>().AddSingleton<INotificationKind>(provider => provider.GetRequiredService<TKind>());
}
