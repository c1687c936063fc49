namespace MeetingLinks.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// The one sending path, from a storage queue: the expert's link in Webex, the replies under it, and the events that
    /// tell the flow the expert's answer (sections <c>Notifications</c>, <c>Webex</c> and <c>Connect</c>).
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<INotificationOutbox, NotificationOutbox>();
        services.AddSingleton<ExpertMessages>();
        services.AddSingleton<ExpertReplies>();
        services.AddSingleton<INotificationKind>(provider => provider.GetRequiredService<ExpertMessages>());
        services.AddSingleton<INotificationKind>(provider => provider.GetRequiredService<ExpertReplies>());
        services.AddSingleton<INotificationKind>(provider => provider.GetRequiredService<FlowEvents>());
        services.AddTransient<NotificationSender>();
        services.AddSingleton<ExpertResender>();
        return services.AddWebex().AddConnect();
    }

    /// <summary>Webex's REST API as the bot, the webhook for pressed buttons and its registration (section <c>Webex</c>).</summary>
    public static IServiceCollection AddWebex(this IServiceCollection services)
    {
        services.AddOptions<WebexOptions>().BindConfiguration(WebexOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<WebexClient>((provider, http) =>
                http.Timeout = provider.GetRequiredService<IOptions<WebexOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddTransient<WebexEventsHandler>();
        services.AddTransient<WebhookRegistration>();
        return services;
    }

    /// <summary>Events to the flow's Webex Connect Inbound Webhook (section <c>Connect</c>).</summary>
    public static IServiceCollection AddConnect(this IServiceCollection services)
    {
        services.AddOptions<ConnectOptions>().BindConfiguration(ConnectOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<ConnectEventsClient>((provider, http) =>
                http.Timeout = provider.GetRequiredService<IOptions<ConnectOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<FlowEvents>();
        return services;
    }
}
