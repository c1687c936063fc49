using Azure.Core;

namespace MeetingLinks.Meetings;

public static class MeetingsServiceCollectionExtensions
{
    /// <summary>Creating and reading meetings, stored in Azure Table Storage.</summary>
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddOptions<MeetingsOptions>().BindConfiguration(MeetingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TablesOptions>().BindConfiguration(TablesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(CreateTableClient);
        services.AddSingleton<IMeetingStore, TableMeetingStore>();
        services.AddSingleton<LinkRequestValidator>();
        services.AddSingleton<LinkIssuer>();
        services.AddSingleton<MeetingCreator>();
        services.AddSingleton<Links.MeetingLinksAdder>();
        services.AddSingleton<Erasure.MeetingEraser>();
        services.AddSingleton<Events.MeetingEventRecorder>();
        return services;
    }

    private static TableClient CreateTableClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TablesOptions>>().Value;
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        clientOptions.Retry.NetworkTimeout = options.RequestTimeout;

        // Managed identity when an endpoint is configured (Azure); a connection string otherwise (development storage).
        var service = options.ServiceUri is { } endpoint
            ? new TableServiceClient(endpoint, new ManagedIdentityCredential(
                options.ClientId is { Length: > 0 } id ? ManagedIdentityId.FromUserAssignedClientId(id) : ManagedIdentityId.SystemAssigned),
                clientOptions)
            : new TableServiceClient(options.ConnectionString, clientOptions);
        return service.GetTableClient(options.TableName);
    }
}
