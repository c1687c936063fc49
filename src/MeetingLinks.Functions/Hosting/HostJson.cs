namespace MeetingLinks.Hosting;

/// <summary>What the app reads from its own <c>host.json</c>: how the Functions host decodes queue messages.</summary>
public static class HostJson
{
    /// <summary>
    /// <c>extensions.queues.messageEncoding</c>: base64 (the default) or none. Read as configuration, as the host reads
    /// it: names without regard to case, comments and trailing commas allowed.
    /// </summary>
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
