using System.Net;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Api;

/// <summary>Broker and storage failures as the flow sees them, with the documented codes.</summary>
public sealed class FailureApiTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    [Fact]
    public async Task A_transient_broker_error_is_retried_and_the_create_succeeds()
    {
        var (app, broker) = await FakeBrokerAppAsync();
        broker.Next(503);

        var response = await app.PostAsync("/api/meetings", "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, broker.Requests.Count);
    }

    [Fact]
    public async Task Broker_401_is_a_502_that_points_at_the_token_without_showing_it_and_the_same_key_succeeds_later()
    {
        var (app, broker) = await FakeBrokerAppAsync();
        broker.Next(401);
        var key = "k-401-" + Guid.NewGuid();
        var reference = "TOKEN-" + Guid.NewGuid().ToString("N")[..12];

        var response = await app.PostAsync("/api/meetings", new { reference }, idempotencyKey: key);

        var problem = await response.AssertProblemAsync(502, "upstream_rejected");
        Assert.Contains("InstantConnect__BotToken", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestSecrets.BotToken, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(broker.Requests);

        // Once the operator fixes the token, the same key creates the meeting, with the same sub, and only one.
        var retried = await app.PostAsync("/api/meetings", new { reference }, idempotencyKey: key);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var created = await retried.ReadJsonAsync();
        var sub = created.GetProperty("sub").GetString();
        Assert.Equal(new[] { sub, sub }, broker.Requests.Select(r => r.Sub));
        var listed = await (await app.GetAsync($"/api/meetings?reference={reference}")).ReadJsonAsync();
        var record = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(created.GetProperty("meetingId").GetString(), record.GetProperty("meetingId").GetString());
        Assert.Equal("created", record.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Persistent_broker_errors_are_a_503_with_retry_after()
    {
        var (app, broker) = await FakeBrokerAppAsync("fake-broker-2-retries", new Dictionary<string, string?> { ["InstantConnect:MaxRetries"] = "2" });
        for (var attempt = 0; attempt < 3; attempt++)
        {
            broker.Next(503);
        }

        var response = await app.PostAsync("/api/meetings", "{}");

        await response.AssertProblemAsync(503, "upstream_unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(3, broker.Requests.Count);
    }

    [Fact]
    public async Task Broker_429_with_a_long_retry_after_fails_fast_and_passes_it_on()
    {
        var (app, broker) = await FakeBrokerAppAsync();
        broker.Next(429, retryAfter: "30");

        var response = await app.PostAsync("/api/meetings", "{}");

        await response.AssertProblemAsync(503, "upstream_unavailable");
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);

        // Not waited for, not retried: the broker was asked once.
        Assert.Single(broker.Requests);
    }

    [Fact]
    public async Task A_hanging_broker_is_a_504_within_the_budget()
    {
        var (app, broker) = await FakeBrokerAppAsync("fake-broker-short-timeouts", new Dictionary<string, string?>
        {
            ["InstantConnect:AttemptTimeout"] = "00:00:00.500",
            ["InstantConnect:TotalTimeout"] = "00:00:01.500",
            ["InstantConnect:MaxRetryAfter"] = "00:00:01",
        });
        broker.HangsFromNowOn();

        var response = await app.PostAsync("/api/meetings", "{}");

        await response.AssertProblemAsync(504, "upstream_timeout");
        Assert.NotEmpty(broker.Requests);
        Assert.Single(broker.Requests.Select(r => r.Sub).Distinct());
    }

    [Fact]
    public async Task Storage_outage_is_a_503_with_retry_after_and_the_logs_hold_no_secret()
    {
        var app = await SharedAppAsync("unreachable-storage", TestStorageAccount.Unreachable(Azurite));

        var create = await app.PostAsync("/api/meetings", "{}", idempotencyKey: "outage-" + Guid.NewGuid());
        var read = await app.GetAsync("/api/meetings/20261125-51299877-aaaaaaaa");
        var health = await app.GetAsync("/api/health", key: null);

        await create.AssertProblemAsync(503, "storage_unavailable");
        Assert.NotNull(create.Headers.RetryAfter);
        await read.AssertProblemAsync(503, "storage_unavailable");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        AppSecrets.AssertNoneIn(app.LogText, Azurite);
    }
}
