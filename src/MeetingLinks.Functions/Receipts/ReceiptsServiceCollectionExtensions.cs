namespace MeetingLinks.Receipts;

public static class ReceiptsServiceCollectionExtensions
{
    /// <summary>Webex Connect delivery receipts on <c>/api/receipts</c>; needs the access and meetings services. Safe to call more than once.</summary>
    public static IServiceCollection AddReceipts(this IServiceCollection services)
    {
        services.AddOptions<ReceiptsOptions>().BindConfiguration(ReceiptsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ReceiptAuthenticator>();
        services.TryAddSingleton<DeliveryReceiptHandler>();
        return services;
    }
}
