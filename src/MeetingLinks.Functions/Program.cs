using MeetingLinks.Hosting;
using MeetingLinks.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;

try
{
    var builder = FunctionsApplication.CreateBuilder(args);
    builder.ConfigureFunctionsWebApplication();
    builder.UseMiddleware<HttpFunctionGuardMiddleware>(); // role check, storage outage, unexpected errors: once for every HTTP function
    builder.Services.AddMeetingLinks();
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

// Start-up validation throws one OptionsValidationException for one bad section, an AggregateException of them for several.
static List<string> ConfigurationFailures(Exception exception) => exception switch
{
    OptionsValidationException options => [.. options.Failures],
    AggregateException many when many.InnerExceptions.All(e => e is OptionsValidationException) =>
        [.. many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
    _ => [],
};
