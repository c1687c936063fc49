using System.Collections.Concurrent;
using MeetingLinks.InstantConnect;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.Tests.InstantConnect;

/// <summary>The real AddInstantConnect registration over in-memory settings, a fake clock and (optionally) a recording broker.</summary>
internal sealed class BrokerTestHost : IAsyncDisposable
{
    public const string BotToken = "bot-token-SECRET-123";

    private BrokerTestHost(ServiceProvider services, TestClock clock, RecordingBroker? broker, LogSink logs)
    {
        Services = services;
        Clock = clock;
        Broker = broker;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    public TestClock Clock { get; }

    public RecordingBroker? Broker { get; }

    public LogSink Logs { get; }

    public IInstantConnectClient Client => Services.GetRequiredService<IInstantConnectClient>();

    /// <summary>Answers played in place of the broker's, one per attempt, in the client's pipeline.</summary>
    public ScriptedBrokerFaults Faults => Services.GetRequiredService<ScriptedBrokerFaults>();

    /// <summary>A host whose broker is <paramref name="broker"/> (a new recording broker when null).</summary>
    public static BrokerTestHost WithBroker(RecordingBroker? broker = null, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        broker ??= new RecordingBroker();
        var merged = new Dictionary<string, string?>
        {
            ["InstantConnect:BaseUrl"] = "https://broker.test",
            ["InstantConnect:BotToken"] = BotToken,
        };
        foreach (var (key, value) in settings ?? [])
        {
            merged[key] = value;
        }

        return Create(merged, broker, configure);
    }

    /// <param name="configure">More registrations, for features built on the broker's options.</param>
    public static BrokerTestHost Create(Dictionary<string, string?> settings, RecordingBroker? broker, Action<IServiceCollection>? configure = null)
    {
        var clock = new TestClock();
        var logs = new LogSink();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddInstantConnect();
        services.AddSingleton<ScriptedBrokerFaults>();
        services.AddHttpClient(InstantConnectClient.HttpClientName).AddHttpMessageHandler(sp => sp.GetRequiredService<ScriptedBrokerFaults>().Handler());
        if (broker is not null)
        {
            services.AddHttpClient(InstantConnectClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => broker);
        }

        configure?.Invoke(services);
        return new BrokerTestHost(services.BuildServiceProvider(), clock, broker, logs);
    }

    public static MeetingLinkRequest Request(
        string sub = "space-0001",
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expiresAt = null,
        int hosts = 1,
        int guests = 1,
        string vertical = "hc",
        IReadOnlyList<string>? devices = null) =>
        new(sub, notBefore, expiresAt ?? new DateTimeOffset(2025, 3, 2, 9, 0, 0, TimeSpan.Zero), hosts, guests, vertical, false, devices ?? []);

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}

/// <summary>Collects formatted log lines so tests can check what is (and is not) logged.</summary>
internal sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}
