namespace MeetingLinks.InstantConnect;

/// <summary>
/// The built-in sandbox broker (section <c>Sandbox</c>, env vars <c>Sandbox__Latency</c> and so on).
/// Only used when <see cref="InstantConnectOptions.SandboxEnabled"/> is true.
/// </summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>Added before every answer, on the injected clock.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Share of calls (0..1) answered with <see cref="FailureStatusCode"/> instead of links.</summary>
    public double FailureRate { get; set; }

    public int FailureStatusCode { get; set; } = 503;

    /// <summary>Added before every answer of the sandbox's stand-in for Webex's messages API.</summary>
    public TimeSpan MessagesLatency { get; set; } = TimeSpan.Zero;

    /// <summary>Share of messages (0..1) the stand-in answers with 503 instead of accepting.</summary>
    public double MessagesFailureRate { get; set; }

    /// <summary>The <c>baseUrl</c> the sandbox returns; a local run overwrites it with its real listening address.</summary>
    public Uri VisitBaseUrl { get; set; } = new("http://localhost:7071/api/sandbox/visit/");
}
