namespace MeetingLinks.Experts;

public static class ExpertsServiceCollectionExtensions
{
    /// <summary>The expert's message with the host links, the replies under its card, and ops' resend.</summary>
    public static IServiceCollection AddExperts(this IServiceCollection services)
        => services.AddNotifications()
            .AddNotificationKind<ExpertMessages>()
            .AddNotificationKind<ExpertReplies>()
            .AddSingleton<ExpertResender>()
            .AddWebex()
            .AddConnect();
}
