namespace MeetingLinks.Hosting;

/// <summary>
/// The storage account of a queue connection setting, read as the Functions host reads it: a connection string, or an
/// identity-based endpoint (<c>__queueServiceUri</c> or <c>__accountName</c>, with <c>__credential=managedidentity</c>
/// and <c>__clientId</c> for a user-assigned identity); with neither, development storage, as for the tables.
/// </summary>
internal static class QueueStorage
{
    /// <summary>The setting the Functions host takes a queue trigger's storage account from when the trigger names none.</summary>
    public const string DefaultConnection = "AzureWebJobsStorage";

    /// <summary>The connection string for <paramref name="connection"/>; null when it names an identity-based endpoint.</summary>
    public static string? ConnectionStringOf(IConfiguration configuration, string connection)
        => configuration[connection] is { Length: > 0 } connectionString ? connectionString
            : Endpoint(configuration.GetSection(connection)) is not null ? null
            : "UseDevelopmentStorage=true";

    public static QueueServiceClient Connect(IConfiguration configuration, string connection, QueueClientOptions? options = null)
    {
        if (ConnectionStringOf(configuration, connection) is { } connectionString)
        {
            return new QueueServiceClient(connectionString, options);
        }

        var section = configuration.GetSection(connection);
        var endpoint = Endpoint(section)!;
        return section["credential"] is { } credential && credential.Equals("managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new QueueServiceClient(endpoint, new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned), options)
            : new QueueServiceClient(endpoint, new DefaultAzureCredential(), options);
    }

    private static Uri? Endpoint(IConfigurationSection section)
        => section["queueServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
            : section["accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.queue.core.windows.net")
            : null;
}
