namespace MeetingLinks.Experts;

public static class ExpertsServiceCollectionExtensions
{
    /// <summary>The expert's message with the host links, the chain of experts and its deadlines, the replies under a card, and ops' resend.</summary>
    public static IServiceCollection AddExperts(this IServiceCollection services)
    {
        services.AddOptions<ExpertsOptions>().BindConfiguration(ExpertsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddNotifications()
            .AddNotificationKind<ExpertMessages>()
            .AddNotificationKind<ExpertReplies>()
            .AddTimerKind<ExpertDeadlines>()
            .AddSingleton<ExpertChain>()
            .AddSingleton<ExpertResender>()
            .AddWebex()
            .AddConnect();
    }
}
