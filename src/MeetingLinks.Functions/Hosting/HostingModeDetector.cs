namespace MeetingLinks.Hosting;

/// <summary>
/// Tells whether the Azure Functions host started this process. The host hands its worker the
/// gRPC endpoint on the command line or in the environment; <c>dotnet run</c> passes neither.
/// </summary>
public static class HostingModeDetector
{
    private static readonly string[] HostArguments = ["--functions-uri", "--host", "--workerId", "--functions-worker-id"];

    private static readonly string[] HostVariables =
    [
        "Functions__Worker__HostEndpoint",
        "Functions:Worker:HostEndpoint",
        "FUNCTIONS_WORKER_RUNTIME_VERSION",
        "AZURE_FUNCTIONS_ENVIRONMENT",
        "WEBSITE_SITE_NAME",
    ];

    public static HostingMode Detect(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var byArgument = args.Any(a => HostArguments.Any(h => a.Equals(h, StringComparison.OrdinalIgnoreCase)
            || a.StartsWith(h + "=", StringComparison.OrdinalIgnoreCase)));
        var byEnvironment = HostVariables.Any(v => !string.IsNullOrEmpty(environment(v)));
        return byArgument || byEnvironment ? HostingMode.FunctionsHost : HostingMode.LocalRun;
    }
}
