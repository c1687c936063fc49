using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace MeetingLinks.LocalRun.Queues;

/// <summary>
/// The storage account a queue trigger's connection setting names, read as the Functions host reads it: a connection
/// string (<c>AzureWebJobsStorage</c>), or an identity-based endpoint (<c>AzureWebJobsStorage__queueServiceUri</c>, with
/// <c>__credential=managedidentity</c> and <c>__clientId</c> for a user-assigned identity). A local run with neither
/// uses development storage, as out of the box it uses Azurite for tables too.
/// </summary>
internal static class QueueStorage
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>The connection string for <paramref name="connection"/>; null when it names an identity-based endpoint.</summary>
    public static string? ConnectionStringOf(IConfiguration configuration, string connection)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[connection] is { Length: > 0 } connectionString ? connectionString
            : configuration[$"{connection}:queueServiceUri"] is { Length: > 0 } ? null
            : DevelopmentStorage;
    }

    public static QueueServiceClient Connect(IConfiguration configuration, string connection)
    {
        if (ConnectionStringOf(configuration, connection) is { } connectionString)
        {
            return new QueueServiceClient(connectionString);
        }

        var section = configuration.GetSection(connection);
        var endpoint = new Uri(section["queueServiceUri"]!);
        return section["credential"] is { } credential && credential.Equals("managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new QueueServiceClient(endpoint, new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned))
            : new QueueServiceClient(endpoint, new DefaultAzureCredential());
    }
}
