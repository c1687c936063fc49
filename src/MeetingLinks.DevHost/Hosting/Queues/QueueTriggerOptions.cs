namespace MeetingLinks.DevHost.Hosting.Queues;

/// <summary>host.json's <c>extensions.queues</c> as far as the double follows it; the defaults are the host's.</summary>
public sealed record QueueTriggerOptions
{
    /// <summary>Messages taken by one poll; the host runs them at once.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Attempts before a failing message moves to <c>&lt;queue&gt;-poison</c>.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a message whose function failed stays hidden before its next attempt.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>The longest wait between two polls of a queue that had nothing (see <see cref="QueueTriggerPump"/>).</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary><c>messageEncoding</c>: base64 (the default), or none for text stored as is.</summary>
    public bool Base64 { get; init; } = true;
}
