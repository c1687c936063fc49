namespace MeetingLinks.Webex;

public static class WebexServiceCollectionExtensions
{
    /// <summary>Webex's REST API as the bot, the webhook for pressed buttons and its registration (section <c>Webex</c>).</summary>
    public static IServiceCollection AddWebex(this IServiceCollection services)
    {
        services.AddOptions<WebexOptions>().BindConfiguration(WebexOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddUpstreamClient<WebexClient, WebexOptions>(webex => webex.RequestTimeout);
        services.AddTransient<WebexEventsHandler>();
        services.AddTransient<WebhookRegistration>();
        return services;
    }
}
