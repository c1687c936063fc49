using System.Collections;
using System.Reflection;
using System.Runtime.InteropServices;
using MeetingLinks.DevHost;
using MeetingLinks.DevHost.Hosting;
using Microsoft.Extensions.Logging;

// dotnet run --project src/MeetingLinks.DevHost [-- --urls http://localhost:7071] [--sandbox-urls http://localhost:7072]
var appDirectory = FunctionsAppLocator.FromAssemblyMetadata(Assembly.GetExecutingAssembly());

// As Core Tools: local.settings.json's Values, with environment variables over them.
var settings = LocalSettings.Read(Path.Combine(appDirectory, "local.settings.json"));
foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
{
    settings[(string)variable.Key] = (string?)variable.Value ?? string.Empty;
}

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.TimestampFormat = "HH:mm:ss ";
    })
    .SetMinimumLevel(LogLevel.Information));
var logger = loggerFactory.CreateLogger("DevHost");

using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

DevelopmentHost host;
try
{
    host = await DevelopmentHost.StartAsync(
        new DevHostOptions
        {
            AppDirectory = appDirectory,
            Settings = settings,
            Urls = Argument("--urls") ?? settings.GetValueOrDefault("ASPNETCORE_URLS") ?? DevHostOptions.DefaultUrls,
            SandboxUrls = Argument("--sandbox-urls") ?? DevHostOptions.DefaultSandboxUrls,
            StartAzurite = !string.Equals(settings.GetValueOrDefault("DevHost__StartAzurite"), "false", StringComparison.OrdinalIgnoreCase),
            AzuriteLocation = settings.GetValueOrDefault("DevHost__AzuriteLocation"),
            Log = Console.WriteLine,
        },
        logger,
        stop.Token);
}
catch (Exception ex) when (ex is DevHostSettingsException or PortInUseException)
{
    await Console.Error.WriteLineAsync($"Start-up error: {ex.Message}");
    return 1;
}
catch (InvalidOperationException ex)
{
    // The worker did not start: its own lines above say why (a configuration error names the setting).
    await Console.Error.WriteLineAsync($"Start-up error: {ex.Message.Split(Environment.NewLine)[0]}");
    return 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 0;
}

await using (host)
{
    foreach (var line in host.Report)
    {
        logger.LogInformation("{Line}", line);
    }

    logger.LogInformation("Press Ctrl+C to stop.");
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
        logger.LogInformation("Stopping the worker and everything this host started");
    }
}

return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

string? Argument(string name)
{
    var at = Array.FindIndex(args, a => a.Equals(name, StringComparison.OrdinalIgnoreCase));
    return at >= 0 && at + 1 < args.Length ? args[at + 1]
        : args.FirstOrDefault(a => a.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..];
}
