namespace MeetingLinks.HostDouble;

public sealed class FunctionsHostDoubleOptions
{
    /// <summary>The app's build output: the folder with its dll, functions.metadata, worker.config.json and host.json.</summary>
    public required string AppDirectory { get; init; }

    /// <summary>App settings, given to the worker as environment variables (<c>Tables__TableName</c> and so on).</summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Receives every log line as it arrives (tests pass xunit's output helper here).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>For the worker to start, connect, index and load every function.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an empty queue of a queue function is polled again (the host backs off to host.json's <c>maxPollingInterval</c>).</summary>
    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary><c>AZURE_FUNCTIONS_ENVIRONMENT</c>, as Core Tools sets it.</summary>
    public string EnvironmentName { get; init; } = "Development";
}
