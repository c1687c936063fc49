namespace MeetingLinks.DevHost.Hosting;

public sealed class FunctionsHostOptions
{
    /// <summary>Where the HTTP functions answer (<c>;</c>-separated, as ASP.NET Core's <c>urls</c>); a free loopback port by default.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>Run timer functions on their schedules; off, they run only through <see cref="FunctionsHost.InvokeTimerAsync"/>.</summary>
    public bool RunTimers { get; init; } = true;

    /// <summary>The app's build output: the folder with its dll, functions.metadata, worker.config.json and host.json.</summary>
    public required string AppDirectory { get; init; }

    /// <summary>
    /// App settings, given to the worker as environment variables (<c>Tables__TableName</c> and so on) over the host's own
    /// environment, as Azure gives them. Like the host, it also reads <c>AzureFunctionsJobHost__extensions__queues__*</c>
    /// among them as overrides of host.json.
    /// </summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>In a setting's value, the front door's address once it listens, such as <c>http://127.0.0.1:7071/</c>.</summary>
    public const string FrontDoorPlaceholder = "{frontDoor}";

    /// <summary>Receives every log line as it arrives (tests pass xunit's output helper here).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>For the worker to start, connect, index and load every function.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an empty queue of a queue function is polled again (the host backs off to host.json's <c>maxPollingInterval</c>).</summary>
    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary><c>AZURE_FUNCTIONS_ENVIRONMENT</c>, as Core Tools sets it.</summary>
    public string EnvironmentName { get; init; } = "Development";
}
