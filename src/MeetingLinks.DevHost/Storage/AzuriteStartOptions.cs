namespace MeetingLinks.DevHost.Storage;

/// <summary>How to start local Azurite services (see <see cref="AzuriteProcess"/>).</summary>
public sealed record AzuriteStartOptions
{
    /// <summary>The port development storage (<c>UseDevelopmentStorage=true</c>) expects the Queue service on.</summary>
    public const int DefaultQueuePort = 10001;

    /// <summary>The port development storage (<c>UseDevelopmentStorage=true</c>) expects the Table service on.</summary>
    public const int DefaultTablePort = 10002;

    /// <summary>
    /// The npm version of Azurite run when its service binaries (<c>azurite-table</c>, <c>azurite-queue</c>) are not on PATH.
    /// 3.35.0 is the newest release whose engines allow Node 20 (3.36 needs Node 21, 3.37 Node 22).
    /// </summary>
    public const string DefaultVersion = "3.35.0";

    /// <summary>Address the services listen on.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port the Queue service listens on; 0 picks a free port, null runs no Queue service.</summary>
    public int? QueuePort { get; init; } = DefaultQueuePort;

    /// <summary>Port the Table service listens on; 0 picks a free port, null runs no Table service.</summary>
    public int? TablePort { get; init; } = DefaultTablePort;

    /// <summary>Folder for persisted data (created if missing); null keeps everything in memory.</summary>
    public string? Location { get; init; }

    /// <summary>
    /// Storage accounts beside the development account (<c>devstoreaccount1</c>), each with its own queues and tables;
    /// their keys are <see cref="AzuriteProcess.KeyOf"/>. Several apps can share one Azurite this way without sharing a queue.
    /// </summary>
    public IReadOnlyList<string> ExtraAccounts { get; init; } = [];

    /// <summary>npm version spec of the <c>azurite</c> package.</summary>
    public string Version { get; init; } = DefaultVersion;

    /// <summary>How long to wait for the ports to accept connections; the first start may download the package.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(3);
}

/// <summary>An Azurite storage service; each runs as its own process, <c>azurite-queue</c> or <c>azurite-table</c>.</summary>
public enum AzuriteService
{
    Queue,
    Table,
}
