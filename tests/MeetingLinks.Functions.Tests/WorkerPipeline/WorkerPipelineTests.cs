using System.Net;
using System.Text;
using System.Text.Json;
using MeetingLinks.Access;
using MeetingLinks.HostDouble;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.WorkerPipeline;

/// <summary>
/// The app's real worker pipeline (Program.cs, DI, worker middleware, the ASP.NET Core integration, bindings and
/// results) started as the Functions host starts it, with a host double in the host's place.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class WorkerPipelineTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const string FlowKey = "flow-key-for-the-worker-pipeline";
    private const string OpsKey = "ops-key-for-the-worker-pipeline";

    private static readonly string AppDirectory = FunctionsAppLocator.FromAssemblyMetadata(typeof(WorkerPipelineTests).Assembly);

    private FunctionsHostDouble host = null!;

    public async Task InitializeAsync()
    {
        host = await FunctionsHostDouble.StartAsync(new FunctionsHostDoubleOptions
        {
            AppDirectory = AppDirectory,
            Log = output.WriteLine,
            Settings =
            {
                ["Tables__ConnectionString"] = azurite.ConnectionString,
                ["Tables__TableName"] = azurite.NewTableName(),
                ["InstantConnect__Sandbox"] = "true",
                ["InstantConnect__BotToken"] = "bot-token-for-the-worker-pipeline",
                ["Auth__FlowKeys"] = FlowKey,
                ["Auth__OpsKeys"] = OpsKey,
            },
        });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public void Every_function_in_functions_metadata_is_loaded()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppDirectory, "functions.metadata")));
        var listed = metadata.RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()!);

        Assert.Equal(listed.Order(StringComparer.Ordinal), host.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(host.Functions, f => Assert.NotEmpty(f.FunctionId));
        Assert.Equal("meetings", host.Function("CreateMeeting").Route);
        Assert.Equal("0 30 3 * * *", host.Function("PurgeExpiredRecords").Schedule);
        Assert.Equal("expert-notifications", host.Function("SendExpertNotification").QueueName);
        Assert.Equal("AzureWebJobsStorage", host.Function("SendExpertNotification").Connection);
        Assert.Equal("api", host.RoutePrefix);
    }

    [Fact]
    public async Task Http_functions_answer_through_the_front_door()
    {
        var health = await host.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/meetings")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            Headers = { { ApiKeyAuthorizer.HeaderName, FlowKey } },
        };
        var created = await host.Client.SendAsync(create);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var meeting = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var meetingId = meeting.RootElement.GetProperty("meetingId").GetString();
        Assert.False(string.IsNullOrEmpty(meetingId));
        Assert.StartsWith("http", meeting.RootElement.GetProperty("guestUrl").GetString(), StringComparison.Ordinal);

        // The id reaches the function through the route values the double sends as trigger metadata.
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/meetings/{meetingId}")
        {
            Headers = { { ApiKeyAuthorizer.HeaderName, OpsKey } },
        };
        var record = await host.Client.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        using var stored = JsonDocument.Parse(await record.Content.ReadAsStringAsync());
        Assert.Equal(meeting.RootElement.GetProperty("sub").GetString(), stored.RootElement.GetProperty("sub").GetString());

        var anonymous = await host.Client.GetAsync(new Uri($"/api/meetings/{meetingId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var unknown = await host.Client.GetAsync(new Uri("/api/no-such-route", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(await unknown.Content.ReadAsByteArrayAsync());

        Assert.Contains(host.Log.Lines, line => line.StartsWith("[worker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_retention_timer_runs()
    {
        var outcome = await host.InvokeTimerAsync("PurgeExpiredRecords");

        Assert.True(outcome.Succeeded, outcome.ExceptionMessage);
    }
}
