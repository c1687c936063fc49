using System.Net;
using System.Net.Sockets;
using MeetingLinks.DevHost;
using MeetingLinks.DevHost.Hosting;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.DevHost;

/// <summary>The development host as a person meets it: the keys it gives, what it reports, and a port that is taken.</summary>
public sealed class DevelopmentHostTests(AzuriteFixture azurite, ITestOutputHelper output) : HostSuite(azurite, output)
{
    private static readonly Dictionary<string, string?> NoKeys = new() { ["Auth:FlowKeys"] = null, ["Auth:OpsKeys"] = null };

    [Fact]
    public async Task On_loopback_without_keys_the_development_keys_work_and_the_report_names_them()
    {
        var app = await StartAppAsync(NoKeys);

        var created = await app.PostAsync("/api/meetings", "{}", key: WorkerSettings.DevelopmentFlowKey);
        var read = await app.GetAsync($"/api/meetings/{(await created.ReadJsonAsync()).GetProperty("meetingId").GetString()}", key: WorkerSettings.DevelopmentOpsKey);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains(app.Host.Report, line => line.Contains("development keys dev-flow-key (flow) and dev-ops-key (ops)", StringComparison.Ordinal));
        Assert.Contains(app.Host.Report, line => line.StartsWith("Functions: ", StringComparison.Ordinal) && line.Contains("/api/ops", StringComparison.Ordinal));
        Assert.Contains(app.Host.Report, line => line.StartsWith("Broker: the sandbox stand-in at http://127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Listening_on_every_address_without_keys_the_app_fails_closed()
    {
        await using var app = await AppHost.StartAsync(AppHostSettings.With(Azurite, NoKeys), Output.WriteLine, urls: "http://0.0.0.0:0");

        var created = await app.PostAsync("/api/meetings", "{}", key: WorkerSettings.DevelopmentFlowKey);
        var read = await app.GetAsync("/api/meetings?day=2026-11-25", key: WorkerSettings.DevelopmentOpsKey);
        var health = await app.GetAsync("/api/health", key: null);

        await created.AssertProblemAsync(401, "unauthorized");
        await read.AssertProblemAsync(401, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(app.Host.Report, line => line.Contains("beyond loopback", StringComparison.Ordinal));
        Assert.Contains("Auth__FlowKeys is not set", app.LogText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--urls")]
    [InlineData("--sandbox-urls")]
    public async Task A_port_another_program_holds_is_one_line_naming_the_option_before_anything_starts(string option)
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var taken = $"http://127.0.0.1:{((IPEndPoint)other.LocalEndpoint).Port}";
        var lines = new List<string>();

        var failure = await Assert.ThrowsAsync<PortInUseException>(() => DevelopmentHost.StartAsync(
            new DevHostOptions
            {
                AppDirectory = FunctionsAppLocator.FromAssemblyMetadata(typeof(DevelopmentHost).Assembly),
                Urls = option == "--urls" ? taken : "http://127.0.0.1:0",
                SandboxUrls = option == "--sandbox-urls" ? taken : "http://127.0.0.1:0",
                StartAzurite = false,
                Log = lines.Add,
            },
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

        Assert.Contains(taken, failure.Message, StringComparison.Ordinal);
        Assert.Contains($"with {option} (", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.Empty(lines);
    }
}
