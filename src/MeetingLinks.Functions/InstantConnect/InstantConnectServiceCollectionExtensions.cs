using MeetingLinks.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly.Telemetry;

namespace MeetingLinks.InstantConnect;

public static class InstantConnectServiceCollectionExtensions
{
    // Cap on a broker answer held in memory; real answers are a few kilobytes.
    private const int MaxResponseBytes = 1024 * 1024;

    // HttpClient's own timeout is only a backstop (it also covers reading the body); the pipeline owns the budget.
    private static readonly TimeSpan BackstopMargin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Registers <see cref="IInstantConnectClient"/> with its options (sections <c>InstantConnect</c> and <c>Sandbox</c>,
    /// validated on start), resilience pipeline, the sandbox broker and a start-up log line naming the broker in use.
    /// Expects <see cref="TimeProvider"/> and logging to be registered by the host.
    /// </summary>
    public static IServiceCollection AddInstantConnect(this IServiceCollection services, HostingMode mode)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<InstantConnectOptions>()
            .BindConfiguration(InstantConnectOptions.Section)
            .PostConfigure(options => options.SandboxEnabled = options.Sandbox
                ?? (mode == HostingMode.LocalRun && string.IsNullOrWhiteSpace(options.BotToken)))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InstantConnectOptions>, InstantConnectOptionsValidator>());

        services.AddOptions<SandboxOptions>()
            .BindConfiguration(SandboxOptions.Section)
            .Validate(o => o.Latency >= TimeSpan.Zero && o.Latency <= TimeSpan.FromMinutes(1), "Sandbox__Latency must be between 0 and 1 minute.")
            .Validate(o => o.FailureRate is >= 0 and <= 1, "Sandbox__FailureRate must be between 0 and 1.")
            .Validate(o => o.FailureStatusCode is >= 400 and <= 599, "Sandbox__FailureStatusCode must be an HTTP error status (400-599).")
            .Validate(o => o.MessagesLatency >= TimeSpan.Zero && o.MessagesLatency <= TimeSpan.FromMinutes(1), "Sandbox__MessagesLatency must be between 0 and 1 minute.")
            .Validate(o => o.MessagesFailureRate is >= 0 and <= 1, "Sandbox__MessagesFailureRate must be between 0 and 1.")
            .Validate(o => o.VisitBaseUrl is { IsAbsoluteUri: true }, "Sandbox__VisitBaseUrl must be an absolute URL.")
            .ValidateOnStart();

        services.TryAddSingleton<BrokerCircuitState>();
        services.AddOptions<TelemetryOptions>().Configure<BrokerCircuitState>((telemetry, circuit) => telemetry.TelemetryListeners.Add(circuit));
        services.TryAddTransient<SandboxBrokerHandler>();
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<InstantConnectBrokerAnnouncement>(provider, mode));

        services.AddHttpClient<IInstantConnectClient, InstantConnectClient>(InstantConnectClient.HttpClientName, (provider, http) =>
            {
                http.Timeout = Options(provider).TotalTimeout + BackstopMargin;
                http.MaxResponseContentBufferSize = MaxResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(provider => Options(provider).SandboxEnabled
                ? provider.GetRequiredService<SandboxBrokerHandler>()
                : new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddStandardResilienceHandler()
            .Configure(BrokerResilience.Configure);

        return services;
    }

    private static InstantConnectOptions Options(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<InstantConnectOptions>>().Value;
}
