using System.Reflection;
using MeetingLinks.LocalRun;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.Tests.Hosts;

/// <summary>The app as <c>dotnet run</c> starts it, on a loopback port.</summary>
public sealed class LocalRunAppHost : AppHost
{
    private readonly WebApplication _app;
    private readonly CapturedLogs _logs;

    private LocalRunAppHost(WebApplication app, CapturedLogs logs, string tableName, Uri baseAddress, OutboundCalls outbound)
        : base(HostKind.LocalRun, tableName, baseAddress, outbound)
    {
        _app = app;
        _logs = logs;
    }

    public override string LogText => _logs.AllText;

    /// <param name="urls">Where it listens; a loopback address with a port the system picks unless a test says otherwise.</param>
    public static async Task<LocalRunAppHost> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<string> log, string urls = "http://127.0.0.1:0")
    {
        var outbound = OutboundCalls.InProcess();
        var logs = new CapturedLogs(log);
        // The upstreams a test set, and Webex's own hosts only while the sandbox's stand-ins answer for them below this
        // guard: with the sandbox off, a call to real Webex is one no test arranged.
        var sandbox = settings.GetValueOrDefault("InstantConnect:Sandbox") != "false";
        string[] expected =
        [
            .. new[]
            {
                settings.GetValueOrDefault("InstantConnect:BaseUrl") ?? (sandbox ? "https://mtg-broker-a.wbx2.com" : null),
                settings.GetValueOrDefault("Webex:ApiBaseUrl") ?? (sandbox && settings.GetValueOrDefault("Webex:Sandbox") != "false" ? "https://webexapis.com" : null),
            }.OfType<string>().Select(url => new Uri(url).Authority),
        ];
        var app = LocalRunHost.Build(["--urls", urls], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => outbound.Guard(expected)));
        });
        try
        {
            await LocalRunHost.StartAsync(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var baseAddress = new Uri(address.TrimEnd('/').Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal) + "/");
        return new LocalRunAppHost(app, logs, settings["Tables:TableName"]!, baseAddress, outbound);
    }

    /// <summary>The local run has no scheduler: the function method is called as the worker would call it.</summary>
    public override async Task<bool> RunTimerAsync(string functionName)
    {
        var method = typeof(LocalRunHost).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Single(m => m.GetCustomAttribute<FunctionAttribute>()?.Name == functionName);
        var instance = ActivatorUtilities.CreateInstance(_app.Services, method.DeclaringType!);
        try
        {
            await (Task)method.Invoke(instance, [new TimerInfo(), CancellationToken.None])!;
            return true;
        }
        catch (Exception ex)
        {
            _logs.CreateLogger("TimerTrigger").LogError(ex, "Timer function {Function} failed", functionName);
            return false;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
