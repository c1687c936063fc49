using System.Net;
using System.Text;
using System.Text.Json;
using MeetingLinks.Access;
using MeetingLinks.DevHost.Hosting;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.DevHost;

/// <summary>
/// The app's real worker pipeline (Program.cs, DI, worker middleware, the ASP.NET Core integration, bindings and
/// results) started and driven by the development host's Functions host, as the Azure Functions host does.
/// </summary>
public sealed class FunctionsHostTests(AzuriteFixture azurite, ITestOutputHelper output) : HostSuite(azurite, output)
{
    private static readonly string AppDirectory = FunctionsAppLocator.FromAssemblyMetadata(typeof(FunctionsHost).Assembly);

    [Fact]
    public async Task Every_function_in_functions_metadata_is_loaded()
    {
        var host = (await AppAsync()).Host.Functions;
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppDirectory, "functions.metadata")));
        var listed = metadata.RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()!);

        Assert.Equal(listed.Order(StringComparer.Ordinal), host.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(host.Functions, f => Assert.NotEmpty(f.FunctionId));
        Assert.Equal("meetings", host.Function("CreateMeeting").Route);
        Assert.Equal("0 30 3 * * *", host.Function("PurgeExpiredRecords").Schedule);
        Assert.Equal("notifications", host.Function("SendNotification").QueueName);
        Assert.Equal("AzureWebJobsStorage", host.Function("SendNotification").Connection);
        Assert.Equal("api", host.RoutePrefix);
    }

    [Fact]
    public async Task Http_functions_answer_through_the_front_door()
    {
        var host = (await AppAsync()).Host.Functions;
        var health = await host.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/meetings")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            Headers = { { ApiKeyAuthorizer.HeaderName, TestSecrets.FlowKey } },
        };
        var created = await host.Client.SendAsync(create);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var meeting = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var meetingId = meeting.RootElement.GetProperty("meetingId").GetString();
        Assert.False(string.IsNullOrEmpty(meetingId));
        Assert.StartsWith("http", meeting.RootElement.GetProperty("guestUrl").GetString(), StringComparison.Ordinal);

        // The id reaches the function through the route values the host sends as trigger metadata.
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/meetings/{meetingId}")
        {
            Headers = { { ApiKeyAuthorizer.HeaderName, TestSecrets.OpsKey } },
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
        var outcome = await (await AppAsync()).Host.Functions.InvokeTimerAsync("PurgeExpiredRecords");

        Assert.True(outcome.Succeeded, outcome.ExceptionMessage);
    }

    [Fact]
    public async Task A_worker_that_exits_during_start_fails_the_start_with_what_it_said()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsHost.StartAsync(Options(new()
        {
            ["InstantConnect__BotToken"] = "token",
            ["Tables__TableName"] = "not a table name",
            ["Experts__AnswerWithin"] = "2 minutes",
            ["Visits__Reminders"] = "PT30S;P1D",
        })));

        Assert.Contains("The worker exited with code 1", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Configuration error:", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Tables__TableName must be", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_bad_settings_are_each_named_on_a_line_of_their_own_without_a_stack_trace()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsHost.StartAsync(Options(new()
        {
            ["Tables__TableName"] = "not a table name",
            ["Experts__AnswerWithin"] = "2 minutes",
            ["Visits__Reminders"] = "PT30S;P1D",
        })));

        Assert.Contains("The worker exited with code 1", failure.Message, StringComparison.Ordinal);
        var lines = failure.Message.Split('\n').Where(l => l.Contains("Configuration error:", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Contains(lines, l => l.Contains("Tables__TableName must be", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Experts__AnswerWithin must be an ISO 8601 duration", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Visits__Reminders must be at most 3 ISO 8601 durations", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("InstantConnect__BotToken", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", failure.Message, StringComparison.Ordinal);
    }

    private FunctionsHostOptions Options(Dictionary<string, string> settings)
    {
        var options = new FunctionsHostOptions { AppDirectory = AppDirectory, Log = Output.WriteLine, RunTimers = false };
        foreach (var (name, value) in settings)
        {
            options.Settings[name] = value;
        }

        return options;
    }
}
