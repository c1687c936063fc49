namespace MeetingLinks.Hosting;

/// <summary>What the app reads from its own <c>host.json</c>: how the Functions host decodes queue messages.</summary>
public static class HostJson
{
    /// <summary>Read as the host reads it: names in any case, comments and trailing commas allowed.</summary>
    public static QueueMessageEncoding QueueMessageEncoding(string appDirectory)
    {
        var hostJson = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Path.GetFullPath(appDirectory), "host.json"), optional: true)
            .Build();
        return hostJson["extensions:queues:messageEncoding"] is { Length: > 0 } encoding
            ? Enum.Parse<QueueMessageEncoding>(encoding, ignoreCase: true)
            : Azure.Storage.Queues.QueueMessageEncoding.Base64;
    }
}
