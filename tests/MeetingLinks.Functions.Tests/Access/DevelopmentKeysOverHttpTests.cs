using System.Net;
using MeetingLinks.Access;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Access;

/// <summary>The development keys as a caller meets them: only a loopback-only local run with no keys takes them.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class DevelopmentKeysOverHttpTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> NoKeys = new() { ["Auth:FlowKeys"] = null, ["Auth:OpsKeys"] = null };

    [Fact]
    public async Task A_local_run_on_loopback_without_keys_accepts_them()
    {
        await using var app = await LocalRunAppHost.StartAsync(AppHostSettings.With(azurite, NoKeys), output.WriteLine);

        var created = await app.PostAsync("/api/meetings", "{}", key: AccessOptions.DevelopmentFlowKey);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("accepts the development keys", app.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_run_listening_on_every_address_without_keys_refuses_them()
    {
        await using var app = await LocalRunAppHost.StartAsync(AppHostSettings.With(azurite, NoKeys), output.WriteLine, urls: "http://0.0.0.0:0");

        var created = await app.PostAsync("/api/meetings", "{}", key: AccessOptions.DevelopmentFlowKey);
        var read = await app.GetAsync("/api/meetings?day=2026-11-25", key: AccessOptions.DevelopmentOpsKey);

        await created.AssertProblemAsync(401, "unauthorized");
        await read.AssertProblemAsync(401, "unauthorized");
        Assert.Contains("the development keys are refused", app.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_worker_under_the_Functions_host_without_keys_refuses_them()
    {
        await using var app = await WorkerAppHost.StartAsync(AppHostSettings.With(azurite, NoKeys), output.WriteLine);

        var created = await app.PostAsync("/api/meetings", "{}", key: AccessOptions.DevelopmentFlowKey);

        await created.AssertProblemAsync(401, "unauthorized");
        Assert.Contains("Auth__FlowKeys is not set", app.LogText, StringComparison.Ordinal);
    }
}
