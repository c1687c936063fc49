namespace MeetingLinks.Hosting;

/// <summary>How the process was started: some defaults differ between the two.</summary>
public enum HostingMode
{
    /// <summary>Started by the Azure Functions host (Azure, or <c>func start</c>).</summary>
    FunctionsHost,

    /// <summary>Started with <c>dotnet run</c>: the app serves its own HTTP on Kestrel.</summary>
    LocalRun,
}
