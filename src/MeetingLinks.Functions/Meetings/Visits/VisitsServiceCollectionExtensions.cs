namespace MeetingLinks.Meetings.Visits;

public static class VisitsServiceCollectionExtensions
{
    /// <summary>Visits booked ahead: their settings, their reminders (timers on the notifications queue), rescheduling and cancelling.</summary>
    public static IServiceCollection AddVisits(this IServiceCollection services)
    {
        services.AddOptions<VisitsOptions>().BindConfiguration(VisitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddTimerKind<VisitReminders>().AddSingleton<VisitCanceller>().AddSingleton<VisitRescheduler>();
    }
}
