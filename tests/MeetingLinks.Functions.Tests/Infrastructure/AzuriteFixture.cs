using System.Globalization;
using MeetingLinks.DevHost.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>
/// The test run's one in-memory Azurite (its Queue and Table services on free ports, so it never clashes with a
/// developer's own on 10001 and 10002), shared by every test class that takes this fixture: the first to start
/// starts it, and it stops when the run ends (<see cref="Hosts.TestRun"/>). Tests keep their data apart: tables from <see cref="NewTableName"/>,
/// and for each app a storage account of its own (<see cref="NewAccount"/>), so that apps never share a queue.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Enough for every app a test run starts; Azurite reads the accounts when it starts.
    private const int Accounts = 64;

    private static readonly Lazy<Task<AzuriteProcess>> Shared = new(StartAsync);

    // Tables from one run share a prefix, which tells them apart in an Azurite that outlives the run.
    private static readonly string RunId = string.Create(CultureInfo.InvariantCulture, $"{Random.Shared.Next():x8}");
    private static int tablesHandedOut;
    private static int accountsHandedOut;

    private AzuriteProcess azurite = null!;

    /// <summary>A connection string for the development account with the queue and the table endpoint.</summary>
    public string ConnectionString => azurite.ConnectionString;

    /// <summary>A table name no other test uses, such as <c>t1a2b3c4dn7</c>: letters and digits, starting with a letter.</summary>
#pragma warning disable CA1822 // An instance member, like the fixture's others: tests reach it through the fixture they were given.
    public string NewTableName() =>
        string.Create(CultureInfo.InvariantCulture, $"t{RunId}n{Interlocked.Increment(ref tablesHandedOut)}");
#pragma warning restore CA1822

    /// <summary>A connection string for a storage account no other app uses: queues of its own.</summary>
    public string NewAccount()
    {
        var next = Interlocked.Increment(ref accountsHandedOut);
        Assert.True(next <= Accounts, $"The test run's Azurite has {Accounts} accounts; raise {nameof(Accounts)}.");
        return azurite.ConnectionStringOf(AccountName(next));
    }

    public async Task InitializeAsync() => azurite = await Shared.Value;

    public Task DisposeAsync() => Task.CompletedTask;

    private static string AccountName(int number) => string.Create(CultureInfo.InvariantCulture, $"testaccount{number}");

    /// <summary>Stops the run's Azurite, if a test started it.</summary>
    public static async Task StopAsync()
    {
        if (Shared.IsValueCreated && Shared.Value.IsCompletedSuccessfully)
        {
            await (await Shared.Value).DisposeAsync();
        }
    }

    private static Task<AzuriteProcess> StartAsync()
        => AzuriteProcess.StartAsync(
            new AzuriteStartOptions { QueuePort = 0, TablePort = 0, ExtraAccounts = [.. Enumerable.Range(1, Accounts).Select(AccountName)] },
            NullLogger.Instance,
            CancellationToken.None);
}
