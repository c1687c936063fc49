namespace MeetingLinks.Connect;

public static class ConnectServiceCollectionExtensions
{
    /// <summary>Events to the flow's Webex Connect Inbound Webhook (section <c>Connect</c>).</summary>
    public static IServiceCollection AddConnect(this IServiceCollection services)
    {
        services.AddOptions<ConnectOptions>().BindConfiguration(ConnectOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddUpstreamClient<ConnectEventsClient, ConnectOptions>(connect => connect.RequestTimeout);
        return services.AddNotificationKind<FlowEvents>();
    }
}
