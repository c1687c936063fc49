using Azure.Core;
using Microsoft.ApplicationInsights.Extensibility;

namespace MeetingLinks.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    private const string AiLoggerProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    // Per-request chatter of the frameworks: host.json drops it at the host, and the worker need not send it there
    // (or to Application Insights) in the first place. Settings (Logging__LogLevel__<category>) still override this.
    private static readonly string[] WarningsOnly = ["Microsoft.AspNetCore", "System.Net.Http.HttpClient", "Polly"];

    /// <summary>Application Insights: outbound calls become dependencies of the host's request, logs become traces.</summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();

        // Local authentication is off in Azure: send with the app's user-assigned identity.
        if (ManagedIdentityClientId(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]) is { } clientId)
        {
            services.Configure<TelemetryConfiguration>(telemetry =>
                telemetry.SetAzureTokenCredential(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))));
        }

        // The SDK keeps only warnings by default; meetings are logged at information.
        services.Configure<LoggerFilterOptions>(options =>
        {
            foreach (var category in WarningsOnly)
            {
                options.Rules.Insert(0, new LoggerFilterRule(providerName: null, category, LogLevel.Warning, filter: null));
            }

            if (options.Rules.FirstOrDefault(rule => rule.ProviderName == AiLoggerProvider) is { } warningsOnly)
            {
                options.Rules.Remove(warningsOnly);
            }
        });
        return services;
    }

    /// <summary>The client id in <c>ClientId=…;Authorization=AAD</c>, or null when AAD is not asked for.</summary>
    public static string? ManagedIdentityClientId(string? authenticationString)
    {
        var parts = (authenticationString ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        return parts.TryGetValue("Authorization", out var kind) && kind.Equals("AAD", StringComparison.OrdinalIgnoreCase)
            && parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0 ? clientId : null;
    }
}
