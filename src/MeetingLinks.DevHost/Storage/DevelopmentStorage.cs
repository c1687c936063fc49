using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.DevHost.Storage;

/// <summary>
/// The app's storage on this machine: where its settings point the tables (<c>Tables__ConnectionString</c>, unless
/// <c>Tables__ServiceUri</c> names an account) and the queues (<c>AzureWebJobsStorage</c>) at development storage or
/// another loopback address, starts the Azurite services that nothing listens for yet, with their data in a fixed
/// folder so records and messages survive a restart, and stops them again.
/// </summary>
public sealed class DevelopmentStorage : IAsyncDisposable
{
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);

    private readonly AzuriteProcess? azurite;

    private DevelopmentStorage(AzuriteProcess? azurite, string description)
    {
        this.azurite = azurite;
        Description = description;
    }

    /// <summary>One line for the start-up report: which storage the app uses.</summary>
    public string Description { get; }

    /// <summary>The folder a started Azurite keeps its data in when the settings name none.</summary>
    public static string DefaultLocation => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "MeetingLinks", "azurite");

    /// <param name="settings">The app's settings, <c>__</c> as the separator.</param>
    /// <param name="location">Where a started Azurite keeps its data.</param>
    public static async Task<DevelopmentStorage> StartAsync(
        IReadOnlyDictionary<string, string> settings, string location, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var missing = new List<(AzuriteService Service, Uri Endpoint)>();
        var running = new List<string>();
        foreach (var (service, endpoint) in LocalEndpoints(settings))
        {
            if (AzuriteProcess.IsListening(endpoint.Host, endpoint.Port, ProbeTimeout))
            {
                running.Add($"{service} on {endpoint.Host}:{endpoint.Port}");
            }
            else
            {
                missing.Add((service, endpoint));
            }
        }

        var already = running.Count == 0 ? null : $"storage already listening ({string.Join(", ", running)})";
        if (missing.Count == 0)
        {
            return new DevelopmentStorage(null, already ?? "storage named by the settings (not on this machine)");
        }

        try
        {
            var azurite = await AzuriteProcess.StartAsync(
                new AzuriteStartOptions
                {
                    Host = missing[0].Endpoint.Host,
                    QueuePort = missing.Where(m => m.Service == AzuriteService.Queue).Select(m => (int?)m.Endpoint.Port).FirstOrDefault(),
                    TablePort = missing.Where(m => m.Service == AzuriteService.Table).Select(m => (int?)m.Endpoint.Port).FirstOrDefault(),
                    Location = location,
                },
                logger,
                cancellationToken);
            var started = $"Azurite started ({string.Join(", ", missing.Select(m => $"{m.Service} on {m.Endpoint.Host}:{m.Endpoint.Port}"))}), data in {location}";
            return new DevelopmentStorage(azurite, already is null ? started : $"{started}; {already}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw new DevHostSettingsException(
                $"Azurite could not be started ({ex.Message.Split(Environment.NewLine)[0]}). Install Node.js 20 or later with npm, start Azurite yourself, or set Tables__ConnectionString and AzureWebJobsStorage to other storage.",
                ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>
    /// The local endpoint a connection string points <paramref name="service"/> at, such as <c>http://127.0.0.1:10002</c>,
    /// or null when it is not development storage or another loopback address.
    /// </summary>
    internal static Uri? LocalEndpointOf(string? connectionString, AzuriteService service)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        if (connectionString.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Contains(DevelopmentConnectionString, StringComparison.OrdinalIgnoreCase))
        {
            var port = service == AzuriteService.Queue ? AzuriteStartOptions.DefaultQueuePort : AzuriteStartOptions.DefaultTablePort;
            return new Uri($"http://127.0.0.1:{port}");
        }

        try
        {
            var endpoint = service == AzuriteService.Queue ? new QueueServiceClient(connectionString).Uri : new TableServiceClient(connectionString).Uri;
            return endpoint.IsLoopback ? new Uri($"{endpoint.Scheme}://{endpoint.Host}:{endpoint.Port}") : null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    // The tables and the queues, where they are local; the app's defaults for what the settings leave out.
    private static IEnumerable<(AzuriteService Service, Uri Endpoint)> LocalEndpoints(IReadOnlyDictionary<string, string> settings)
    {
        var table = settings.ContainsKey("Tables__ServiceUri")
            ? null
            : LocalEndpointOf(settings.GetValueOrDefault("Tables__ConnectionString") ?? DevelopmentConnectionString, AzuriteService.Table);
        var queue = LocalEndpointOf(settings.GetValueOrDefault("AzureWebJobsStorage"), AzuriteService.Queue);
        return new[] { (AzuriteService.Table, table), (AzuriteService.Queue, queue) }
            .Where(e => e.Item2 is not null)
            .Select(e => (e.Item1, e.Item2!));
    }
}
