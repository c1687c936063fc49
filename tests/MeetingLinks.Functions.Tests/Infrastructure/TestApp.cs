using System.Net.Http.Json;
using MeetingLinks.LocalRun;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>
/// The app as a local run builds it — same function classes, routes, key check and JSON — on an
/// in-memory server, with its own table in the shared Azurite and the sandbox broker.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string FlowKey = "flow-key-7f3a9c";
    public const string SecondFlowKey = "flow-key-rotated-2b81";
    public const string OpsKey = "ops-key-4d21e0";
    public const string BotToken = "bot-token-SECRET-91c4f2e8";
    public const string HubSecret = "hub-secret-5e7d1a9b";

    private readonly WebApplication _app;

    private TestApp(WebApplication app, CapturedLogs logs, string tableName)
    {
        _app = app;
        Logs = logs;
        TableName = tableName;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public CapturedLogs Logs { get; }

    public string TableName { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestApp> StartAsync(
        AzuriteFixture azurite,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        string? tableName = null)
    {
        tableName ??= azurite.NewTableName();
        var values = new Dictionary<string, string?>
        {
            ["Tables:ConnectionString"] = azurite.ConnectionString,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Tables:TableName"] = tableName,
            ["Auth:FlowKeys"] = $"{FlowKey};{SecondFlowKey}",
            ["Auth:OpsKeys"] = OpsKey,
            ["InstantConnect:Sandbox"] = "true",
            ["InstantConnect:BotToken"] = BotToken,
            ["LocalRun:StartAzurite"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var logs = new CapturedLogs();
        var app = LocalRunHost.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(values);
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new TestApp(app, logs, tableName);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, object? body, string? key = FlowKey, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is string text ? new StringContent(text, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body),
        };
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? key = OpsKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
