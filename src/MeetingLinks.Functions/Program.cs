using MeetingLinks.Hosting;
using MeetingLinks.LocalRun;
using MeetingLinks.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var mode = HostingModeDetector.Detect(args, Environment.GetEnvironmentVariable);
try
{
    if (mode == HostingMode.LocalRun)
    {
        // dotnet run: the same functions on Kestrel, with the sandbox broker and Azurite.
        await LocalRunHost.RunAsync(args);
        return 0;
    }

    // Under the Azure Functions host (Azure, or func start).
    var builder = FunctionsApplication.CreateBuilder(args);
    builder.ConfigureFunctionsWebApplication();
    builder.UseMiddleware<HttpFunctionGuardMiddleware>(); // the same guard the local run puts around each function
    builder.Services.AddMeetingLinks(mode);
    builder.Services.AddTelemetry(builder.Configuration);
    await builder.Build().RunAsync();
    return 0;
}
catch (Exception ex) when (ConfigurationFailures(ex) is { Count: > 0 } failures)
{
    // Bad configuration: one clear line per problem, naming the setting, and no stack trace.
    foreach (var failure in failures)
    {
        await Console.Error.WriteLineAsync($"Configuration error: {failure}");
    }

    return 1;
}
catch (LocalRunStartupException ex)
{
    await Console.Error.WriteLineAsync($"Start-up error: {ex.Message}");
    return 1;
}

// Start-up validation throws one OptionsValidationException for one bad section, an AggregateException of them for several.
static List<string> ConfigurationFailures(Exception exception) => exception switch
{
    OptionsValidationException options => [.. options.Failures],
    AggregateException many when many.InnerExceptions.All(e => e is OptionsValidationException) =>
        [.. many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
    _ => [],
};
