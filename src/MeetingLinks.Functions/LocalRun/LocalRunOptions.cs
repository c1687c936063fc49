namespace MeetingLinks.LocalRun;

/// <summary>Settings that only the local run (<c>dotnet run</c>) reads.</summary>
public sealed class LocalRunOptions
{
    public const string Section = "LocalRun";

    /// <summary>Start Azurite when development storage is configured and nothing listens on its port.</summary>
    public bool StartAzurite { get; set; } = true;

    /// <summary>Where a started Azurite keeps its data; defaults to a folder in the user's local application data.</summary>
    public string? AzuriteLocation { get; set; }
}
