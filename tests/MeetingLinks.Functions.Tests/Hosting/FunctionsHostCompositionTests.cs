using System.Reflection;
using MeetingLinks.Hosting;
using MeetingLinks.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Tests.Hosting;

/// <summary>
/// The composition Program uses builds, validates its options and can
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
        builder.Services.AddMeetingLinks();
        builder.Services.AddTelemetry(builder.Configuration);

        using var host = builder.Build();

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        var classes = typeof(AppServices).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToList();
        Assert.Contains(typeof(MeetingLinks.Operations.RetentionFunctions), classes);
        foreach (var type in classes)
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type));
        }
    }

    [Fact]
    public void A_missing_bot_token_stops_the_app_naming_the_setting()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddMeetingLinks();

        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("InstantConnect__BotToken", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Meetings:CreateBudget", "00:00:30", "Meetings__CreateBudget")]
    [InlineData("Meetings:IdempotencyKeyLifetime", "01:00:00", "Meetings__IdempotencyKeyLifetime")]
    [InlineData("Meetings:RetentionDays", "0", "Meetings__RetentionDays")]
    [InlineData("Meetings:StorageRetryAfter", "00:00:00", "Meetings__StorageRetryAfter")]
    [InlineData("Tables:TableName", "no-hyphens", "Tables__TableName")]
    [InlineData("Tables:RequestTimeout", "00:05:00", "Tables__RequestTimeout")]
    [InlineData("Tables:MaxRetries", "9", "Tables__MaxRetries")]
    public void A_bad_setting_of_any_section_stops_the_app_at_start_up_naming_the_setting(string key, string value, string setting)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InstantConnect:BotToken"] = "token",
            [key] = value,
        });
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddMeetingLinks();

        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
