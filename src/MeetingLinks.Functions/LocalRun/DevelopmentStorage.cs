using Azure.Data.Tables;
using MeetingLinks.Meetings.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingLinks.LocalRun;

/// <summary>
/// In a local run with development storage configured, starts Azurite when nothing listens on
/// its table port yet, keeps its data in a fixed folder so records survive a restart, and stops
/// it gracefully when the app stops.
/// </summary>
internal sealed class DevelopmentStorage(
    IOptions<TablesOptions> tables,
    IOptions<LocalRunOptions> options,
    ILogger<DevelopmentStorage> logger) : IHostedService, IAsyncDisposable
{
    private AzuriteProcess? _azurite;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.StartAzurite || tables.Value.ServiceUri is not null || TablePortOf(tables.Value.ConnectionString) is not { } endpoint)
        {
            return;
        }

        if (AzuriteProcess.IsListening(endpoint.Host, endpoint.Port, TimeSpan.FromMilliseconds(500)))
        {
            logger.LogInformation("Using the table storage already listening on {Host}:{Port}", endpoint.Host, endpoint.Port);
            return;
        }

        var location = options.Value.AzuriteLocation is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "MeetingLinks", "azurite");
        logger.LogInformation("Starting Azurite on {Host}:{Port} with data in {Location} (the first start downloads it with npm)",
            endpoint.Host, endpoint.Port, location);
        try
        {
            _azurite = await AzuriteProcess.StartAsync(
                new AzuriteStartOptions { Host = endpoint.Host, QueuePort = null, TablePort = endpoint.Port, Location = location },
                logger,
                cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw new LocalRunStartupException(
                $"Azurite could not be started ({ex.Message}). Install Node.js 20 or later with npm, start Azurite yourself, or set Tables__ConnectionString to another table store.",
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

    /// <summary>The local table endpoint a connection string points at, or null when it is not development storage.</summary>
    internal static Uri? TablePortOf(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        if (connectionString.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri("http://127.0.0.1:10002");
        }

        try
        {
            var endpoint = new TableServiceClient(connectionString).Uri;
            return endpoint.IsLoopback ? new Uri($"{endpoint.Scheme}://{endpoint.Host}:{endpoint.Port}") : null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
