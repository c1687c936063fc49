using System.Net.Http.Json;
using System.Text.Json;
using MeetingLinks.LocalRun;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.Tests.OpsPage;

/// <summary>
/// The app as a local run builds it, on a real loopback port (a browser cannot reach an in-memory
/// TestServer), with its own table in the shared Azurite and the same keys as <see cref="TestApp"/>.
/// </summary>
public sealed class LoopbackApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    /// <summary>Such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public Uri PageAddress => new(BaseAddress, "api/ops");

    public HttpClient Client { get; }

    public static async Task<LoopbackApp> StartAsync(AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var settings = new Dictionary<string, string?>
        {
            ["Tables:ConnectionString"] = azurite.ConnectionString,
            ["Tables:TableName"] = azurite.NewTableName(),
            ["Auth:FlowKeys"] = TestApp.FlowKey,
            ["Auth:OpsKeys"] = TestApp.OpsKey,
            ["InstantConnect:Sandbox"] = "true",
            ["InstantConnect:BotToken"] = TestApp.BotToken,
            ["LocalRun:StartAzurite"] = "false",
        };

        // Port 0: the system picks a free port, read back from the server once it listens.
        var app = LocalRunHost.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new LoopbackApp(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Creates a meeting through the flow route and returns the stored record, as the ops API shows it.</summary>
    public async Task<JsonElement> CreateMeetingAsync(object body)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "api/meetings") { Content = JsonContent.Create(body) };
        create.Headers.Add("x-api-key", TestApp.FlowKey);
        using var created = await Client.SendAsync(create);
        var answer = await ReadJsonAsync(created);
        var id = answer.GetProperty("meetingId").GetString();

        using var read = new HttpRequestMessage(HttpMethod.Get, $"api/meetings/{id}");
        read.Headers.Add("x-api-key", TestApp.OpsKey);
        using var stored = await Client.SendAsync(read);
        return await ReadJsonAsync(stored);
    }

    /// <summary>Reports a delivery event for a meeting, as a flow does.</summary>
    public async Task ReportEventAsync(string meetingId, object body)
    {
        using var report = new HttpRequestMessage(HttpMethod.Post, $"api/meetings/{meetingId}/events") { Content = JsonContent.Create(body) };
        report.Headers.Add("x-api-key", TestApp.FlowKey);
        using var response = await Client.SendAsync(report);
        await ReadJsonAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
