using Azure.Data.Tables;
using Azure.Storage.Queues;
using MeetingLinks.Hosting;
using MeetingLinks.LocalRun.Queues;
using MeetingLinks.Meetings.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingLinks.LocalRun;

/// <summary>
/// In a local run with development storage configured (for the tables, and for the queues of the queue functions),
/// starts the Azurite services that nothing listens for yet, keeps their data in a fixed folder so records and
/// messages survive a restart, and stops them gracefully when the app stops.
/// </summary>
internal sealed class DevelopmentStorage(
    IOptions<TablesOptions> tables,
    FunctionCatalog catalog,
    IConfiguration configuration,
    IOptions<LocalRunOptions> options,
    ILogger<DevelopmentStorage> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);

    private AzuriteProcess? _azurite;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.StartAzurite)
        {
            return;
        }

        var missing = new List<(AzuriteService Service, Uri Endpoint)>();
        foreach (var (service, endpoint) in LocalEndpoints())
        {
            if (AzuriteProcess.IsListening(endpoint.Host, endpoint.Port, ProbeTimeout))
            {
                logger.LogInformation("Using the {Service} storage already listening on {Host}:{Port}", service, endpoint.Host, endpoint.Port);
            }
            else
            {
                missing.Add((service, endpoint));
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        var location = options.Value.AzuriteLocation is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "MeetingLinks", "azurite");
        logger.LogInformation("Starting Azurite for {Services} with data in {Location} (the first start downloads it with npm)",
            string.Join(", ", missing.Select(m => $"{m.Service} on {m.Endpoint.Host}:{m.Endpoint.Port}")), location);
        try
        {
            _azurite = await AzuriteProcess.StartAsync(
                new AzuriteStartOptions
                {
                    Host = missing[0].Endpoint.Host,
                    QueuePort = missing.Where(m => m.Service == AzuriteService.Queue).Select(m => (int?)m.Endpoint.Port).FirstOrDefault(),
                    TablePort = missing.Where(m => m.Service == AzuriteService.Table).Select(m => (int?)m.Endpoint.Port).FirstOrDefault(),
                    Location = location,
                },
                logger,
                cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw new LocalRunStartupException(
                $"Azurite could not be started ({ex.Message}). Install Node.js 20 or later with npm, start Azurite yourself, or set Tables__ConnectionString and AzureWebJobsStorage to other storage.",
                ex);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_azurite is { } azurite)
        {
            _azurite = null;
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
            .Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
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

    // The table store, and the storage account of each queue function, where they are local; each service once.
    private IEnumerable<(AzuriteService Service, Uri Endpoint)> LocalEndpoints()
    {
        var table = tables.Value.ServiceUri is null ? LocalEndpointOf(tables.Value.ConnectionString, AzuriteService.Table) : null;
        var queue = catalog.QueueFunctions
            .Select(f => LocalEndpointOf(QueueStorage.ConnectionStringOf(configuration, f.Connection), AzuriteService.Queue))
            .FirstOrDefault(e => e is not null);
        return new[] { (AzuriteService.Table, table), (AzuriteService.Queue, queue) }
            .Where(e => e.Item2 is not null)
            .Select(e => (e.Item1, e.Item2!));
    }
}
