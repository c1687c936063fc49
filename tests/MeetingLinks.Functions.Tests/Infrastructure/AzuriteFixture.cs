using System.Globalization;
using MeetingLinks.LocalRun;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>
/// One in-memory Azurite, its Queue and Table services, for the test run (ports chosen at random, so it never clashes
/// with a developer's own Azurite on 10001 and 10002). Tests keep their data apart by each using tables from
/// <see cref="NewTableName"/>. Set AZURITE_CONNECTION_STRING (with a QueueEndpoint and a TableEndpoint) to use an
/// Azurite that is already running instead.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionStringVariable = "AZURITE_CONNECTION_STRING";

    // Tables from one run share a prefix, which tells them apart in an Azurite that outlives the run.
    private readonly string runId = string.Create(CultureInfo.InvariantCulture, $"{Random.Shared.Next():x8}");
    private AzuriteProcess? azurite;
    private int tablesHandedOut;

    /// <summary>A connection string for the development account with the queue and the table endpoint.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>A table name no other test uses, such as <c>t1a2b3c4dn7</c>: letters and digits, starting with a letter.</summary>
    public string NewTableName() =>
        string.Create(CultureInfo.InvariantCulture, $"t{runId}n{Interlocked.Increment(ref tablesHandedOut)}");

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } existing)
        {
            ConnectionString = existing;
            return;
        }

        azurite = await AzuriteProcess.StartAsync(
            new AzuriteStartOptions { QueuePort = 0, TablePort = 0 }, NullLogger.Instance, CancellationToken.None);
        ConnectionString = azurite.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
