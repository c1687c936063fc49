using MeetingLinks.Hosting;
using MeetingLinks.LocalRun;
using MeetingLinks.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Tests.Hosting;

/// <summary>
/// The composition Program uses under the Functions host builds, validates its options and can
/// create every function class, so a missing registration fails here and not in Azure.
/// </summary>
public class FunctionsHostCompositionTests
{
    [Fact]
    public void Every_function_class_resolves_under_the_Functions_host_composition()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InstantConnect:BotToken"] = "token",
            ["Auth:FlowKeys"] = "flow",
            ["Auth:OpsKeys"] = "ops",
            ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD",
        });
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddMeetingLinks(HostingMode.FunctionsHost);
        builder.Services.AddTelemetry(builder.Configuration);

        using var host = builder.Build();

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        var classes = host.Services.GetRequiredService<FunctionCatalog>().Functions
            .Select(f => f.Method.DeclaringType!)
            .Append(typeof(MeetingLinks.Operations.RetentionFunctions))
            .Distinct()
            .Where(t => !t.IsAbstract);
        foreach (var type in classes)
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type));
        }
    }

    [Fact]
    public void Under_the_Functions_host_a_missing_bot_token_stops_the_app_naming_the_setting()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddMeetingLinks(HostingMode.FunctionsHost);

        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("InstantConnect__BotToken", error.Message, StringComparison.Ordinal);
    }
}
