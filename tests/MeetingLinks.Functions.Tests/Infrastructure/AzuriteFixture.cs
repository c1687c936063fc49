using System.Globalization;
using MeetingLinks.LocalRun;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>
/// One in-memory Azurite Table service for the test run (port chosen at random, so it never clashes with a
/// developer's own Azurite on 10002). Tests keep their data apart by each using tables from <see cref="NewTableName"/>.
/// Set AZURITE_TABLE_CONNECTION_STRING to use an Azurite that is already running instead.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionStringVariable = "AZURITE_TABLE_CONNECTION_STRING";

    // Tables from one run share a prefix, which tells them apart in an Azurite that outlives the run.
    private readonly string runId = string.Create(CultureInfo.InvariantCulture, $"{Random.Shared.Next():x8}");
    private AzuriteProcess? azurite;
    private int tablesHandedOut;

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
            new AzuriteStartOptions { TablePort = 0 }, NullLogger.Instance, CancellationToken.None);
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
