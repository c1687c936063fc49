using MeetingLinks.Operations.Summary;

namespace MeetingLinks.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>Listing, export, the day at a glance and retention of meeting records.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddSingleton<ListingQueryParser>();
        services.AddSingleton<MeetingListing>();
        services.AddSingleton<DaySummarizer>();
        services.AddSingleton<RetentionPurger>();
        return services;
    }
}
