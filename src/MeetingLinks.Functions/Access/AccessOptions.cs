namespace MeetingLinks.Access;

/// <summary>API keys per role, <c>;</c>-separated so a key can be rotated without downtime.</summary>
public sealed class AccessOptions
{
    public const string Section = "Auth";

    public string? FlowKeys { get; set; }

    public string? OpsKeys { get; set; }

    public static IReadOnlyList<string> Split(string? keys)
        => (keys ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
