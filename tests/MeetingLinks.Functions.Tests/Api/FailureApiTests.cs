using System.Diagnostics;
using System.Net;
using MeetingLinks.InstantConnect;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingLinks.Tests.Api;

/// <summary>Broker and storage failures as the flow sees them: the documented codes, inside the time budget.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public class FailureApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_transient_broker_error_is_retried_and_the_create_succeeds()
    {
        await using var app = await TestApp.StartAsync(azurite);
        app.Services.GetRequiredService<SandboxFaults>().NextAnswers(503);

        var response = await app.PostAsync("/api/meetings", "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Broker_401_is_a_502_that_points_at_the_token_without_showing_it()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var faults = app.Services.GetRequiredService<SandboxFaults>();
        faults.NextAnswers(401);

        var response = await app.PostAsync("/api/meetings", "{}", idempotencyKey: "k-401");

        var problem = await response.AssertProblemAsync(502, "upstream_rejected");
        Assert.Contains("InstantConnect__BotToken", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestApp.BotToken, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, faults.Pending);

        // Once the operator fixes the token, the same key creates the meeting, with the same sub.
        var retried = await app.PostAsync("/api/meetings", "{}", idempotencyKey: "k-401");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(1, await TableRows.CountMeetingsAsync(azurite, app.TableName));
    }

    [Fact]
    public async Task Persistent_broker_errors_are_a_503_with_retry_after()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Sandbox:FailureRate"] = "1" });

        var response = await app.PostAsync("/api/meetings", "{}");

        await response.AssertProblemAsync(503, "upstream_unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Broker_429_with_a_long_retry_after_fails_fast_and_passes_it_on()
    {
        await using var app = await TestApp.StartAsync(azurite);
        app.Services.GetRequiredService<SandboxFaults>().NextAnswers(429, TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();

        var response = await app.PostAsync("/api/meetings", "{}");

        await response.AssertProblemAsync(503, "upstream_unavailable");
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_hanging_broker_is_a_504_within_the_budget()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["InstantConnect:AttemptTimeout"] = "00:00:00.500",
            ["InstantConnect:TotalTimeout"] = "00:00:01.500",
            ["InstantConnect:MaxRetryAfter"] = "00:00:01",
        });
        var faults = app.Services.GetRequiredService<SandboxFaults>();
        for (var i = 0; i < 5; i++)
        {
            faults.NextHangsUntilCancelled();
        }

        var response = await app.PostAsync("/api/meetings", "{}");

        await response.AssertProblemAsync(504, "upstream_timeout");
    }

    [Fact]
    public async Task Storage_outage_is_a_503_with_retry_after()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            // Nothing listens on port 9: every storage call fails to connect.
            ["Tables:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
            ["Tables:MaxRetries"] = "1",
        });
        var clock = Stopwatch.StartNew();

        var create = await app.PostAsync("/api/meetings", "{}", idempotencyKey: "outage");
        var read = await app.GetAsync("/api/meetings/20261125-51299877-aaaaaaaa");
        var health = await app.GetAsync("/api/health", key: null);

        await create.AssertProblemAsync(503, "storage_unavailable");
        Assert.NotNull(create.Headers.RetryAfter);
        await read.AssertProblemAsync(503, "storage_unavailable");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.DoesNotContain("Eby8vdM02x", app.Logs.AllText, StringComparison.Ordinal);
    }
}
