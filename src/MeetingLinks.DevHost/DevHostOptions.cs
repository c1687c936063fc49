namespace MeetingLinks.DevHost;

/// <summary>What the development host runs, where, and with which settings.</summary>
public sealed class DevHostOptions
{
    public const string DefaultUrls = "http://localhost:7071";

    public const string DefaultSandboxUrls = "http://localhost:7072";

    /// <summary>The Functions app's build output (see <see cref="Hosting.FunctionsAppLocator"/>).</summary>
    public required string AppDirectory { get; init; }

    /// <summary>
    /// The app settings as given (<c>local.settings.json</c>'s <c>Values</c> under the environment), names with
    /// <c>__</c>. They reach the worker as app settings reach it in Azure, with what the host adds (see <see cref="WorkerSettings"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the HTTP functions answer.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Where the stand-ins answer, when one is in use.</summary>
    public string SandboxUrls { get; init; } = DefaultSandboxUrls;

    /// <summary>Start Azurite for development storage that nothing listens for.</summary>
    public bool StartAzurite { get; init; } = true;

    /// <summary>Where a started Azurite keeps its data; a folder in the user's local application data when null.</summary>
    public string? AzuriteLocation { get; init; }

    /// <summary>Use the broker stand-in; null decides from the settings (<see cref="WorkerSettings.UsesBrokerStandIn"/>).</summary>
    public bool? BrokerStandIn { get; init; }

    /// <summary>Use the stand-in for Webex's messages API; null decides from the settings (<see cref="WorkerSettings.UsesMessagesStandIn"/>).</summary>
    public bool? MessagesStandIn { get; init; }

    /// <summary>Use the stand-in for Connect's Inbound Webhook; null decides from the settings (<see cref="WorkerSettings.UsesConnectStandIn"/>).</summary>
    public bool? ConnectStandIn { get; init; }

    /// <summary>Run timer functions on their schedules.</summary>
    public bool RunTimers { get; init; } = true;

    /// <summary>How often an empty queue of a queue function is polled again.</summary>
    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Receives every line the host, the worker and Azurite write.</summary>
    public Action<string>? Log { get; init; }
}
