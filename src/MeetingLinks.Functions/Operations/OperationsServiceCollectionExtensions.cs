namespace MeetingLinks.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>Listing, export and retention of meeting records.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddSingleton<ListingQueryParser>();
        services.AddSingleton<MeetingListing>();
        services.AddSingleton<RetentionPurger>();
        return services;
    }
}
