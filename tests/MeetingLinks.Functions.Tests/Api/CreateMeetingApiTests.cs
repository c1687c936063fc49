using System.Net;
using System.Text.Json;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Api;

/// <summary>What a Webex Connect flow sees when it creates and reads meetings.</summary>
public sealed class CreateMeetingApiTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    [Fact]
    public async Task Post_of_empty_object_returns_flat_links_and_the_record_can_be_read_back()
    {
        var app = await AppAsync();

        var response = await app.PostAsync("/api/meetings", "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        var guestUrl = body.GetProperty("guestUrl").GetString();
        Assert.Equal(body.GetProperty("baseUrl").GetString() + body.GetProperty("guestSuffix").GetString(), guestUrl);
        Assert.Matches("^[A-Za-z0-9]{7}$", body.GetProperty("guestSuffix").GetString()!);
        Assert.StartsWith("http", body.GetProperty("hostUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(guestUrl, body.GetProperty("guestUrls")[0].GetString());
        Assert.False(body.GetProperty("replayed").GetBoolean());
        Assert.All(body.EnumerateObject().Where(p => p.Name is not ("guestUrls" or "hostUrls")),
            p => Assert.NotEqual(JsonValueKind.Object, p.Value.ValueKind));

        var read = await app.GetAsync($"/api/meetings/{body.GetProperty("meetingId").GetString()}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var record = await read.ReadJsonAsync();
        Assert.Equal(body.GetProperty("sub").GetString(), record.GetProperty("sub").GetString());
        Assert.Equal(guestUrl, record.GetProperty("guestUrls")[0].GetString());
        Assert.Equal("created", record.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Full_request_is_stored_with_the_normalized_phone()
    {
        var app = await AppAsync();
        var expires = DateTimeOffset.UtcNow.AddHours(6);

        var response = await app.PostAsync("/api/meetings", new
        {
            customer = new { phone = "15551234567", name = "Jane Doe", channel = "whatsapp" },
            reference = "CASE-123",
            subject = "Video visit",
            hosts = 1,
            guests = 2,
            expiresAt = expires.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            verticalType = "gen",
            loginUrlForHost = false,
            devices = new[] { "room@example.webex.com" },
        });

        var body = await response.ReadJsonAsync();
        Assert.Equal(2, body.GetProperty("guestUrls").GetArrayLength());
        var record = await (await app.GetAsync($"/api/meetings/{body.GetProperty("meetingId").GetString()}")).ReadJsonAsync();
        Assert.Equal("+15551234567", record.GetProperty("customerPhone").GetString());
        Assert.Equal("CASE-123", record.GetProperty("reference").GetString());
        Assert.Equal("gen", record.GetProperty("verticalType").GetString());
        Assert.Equal(expires.ToUnixTimeSeconds(), record.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal("room@example.webex.com", record.GetProperty("devices")[0].GetString());
    }

    [Fact]
    public async Task Same_idempotency_key_replays_and_a_different_body_conflicts()
    {
        var app = await AppAsync();
        var key = "trans-" + Guid.NewGuid();

        var first = await (await app.PostAsync("/api/meetings", new { reference = "A" }, idempotencyKey: key)).ReadJsonAsync();
        var again = await (await app.PostAsync("/api/meetings", new { reference = "A" }, idempotencyKey: key)).ReadJsonAsync();
        var viaBody = await (await app.PostAsync("/api/meetings", new { reference = "A", requestId = key })).ReadJsonAsync();
        var conflict = await app.PostAsync("/api/meetings", new { reference = "B" }, idempotencyKey: key);

        Assert.Equal(first.GetProperty("meetingId").GetString(), again.GetProperty("meetingId").GetString());
        Assert.Equal(first.GetProperty("guestUrl").GetString(), again.GetProperty("guestUrl").GetString());
        Assert.True(again.GetProperty("replayed").GetBoolean());
        Assert.Equal(first.GetProperty("meetingId").GetString(), viaBody.GetProperty("meetingId").GetString());
        await conflict.AssertProblemAsync(409, "idempotency_conflict");
    }

    [Fact]
    public async Task Concurrent_duplicates_yield_one_meeting()
    {
        var app = await AppAsync();
        var reference = "RACE-" + Guid.NewGuid().ToString("N")[..12];

        var responses = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => app.PostAsync("/api/meetings", new { reference }, idempotencyKey: reference)));

        var bodies = await Task.WhenAll(responses.Select(r => r.ReadJsonAsync()));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(bodies.Select(b => b.GetProperty("meetingId").GetString()).Distinct());
        Assert.Single(bodies.Select(b => b.GetProperty("guestUrl").GetString()).Distinct());
        Assert.Single(bodies.Select(b => b.GetProperty("sub").GetString()).Distinct());
        var listed = await (await app.GetAsync($"/api/meetings?reference={reference}")).ReadJsonAsync();
        Assert.Equal(1, listed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Keys_rotate_and_roles_are_kept_apart()
    {
        var app = await AppAsync();

        var withSecondKey = await app.PostAsync("/api/meetings", "{}", key: TestSecrets.SecondFlowKey);
        var created = await withSecondKey.ReadJsonAsync();
        var id = created.GetProperty("meetingId").GetString();

        await (await app.PostAsync("/api/meetings", "{}", key: null)).AssertProblemAsync(401, "unauthorized");
        await (await app.PostAsync("/api/meetings", "{}", key: "wrong")).AssertProblemAsync(401, "unauthorized");
        await (await app.PostAsync("/api/meetings", "{}", key: TestSecrets.OpsKey)).AssertProblemAsync(403, "forbidden");
        await (await app.GetAsync($"/api/meetings/{id}", key: TestSecrets.FlowKey)).AssertProblemAsync(403, "forbidden");
        await (await app.GetAsync($"/api/meetings/{id}", key: null)).AssertProblemAsync(401, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/api/meetings/{id}")).StatusCode);
    }

    [Fact]
    public async Task Unknown_and_malformed_meeting_ids_are_404()
    {
        var app = await AppAsync();

        await (await app.GetAsync("/api/meetings/20261125-51299877-aaaaaaaa")).AssertProblemAsync(404, "not_found");
        await AssertNoRouteAsync(await app.GetAsync("/api/meetings/not-a-meeting"));
        await AssertNoRouteAsync(await app.GetAsync("/api/meetings/%3Cscript%3E"));
    }

    [Fact]
    public async Task Health_answers_without_a_key_and_shows_no_secret()
    {
        var app = await AppAsync();

        var response = await app.GetAsync("/api/health", key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"ok\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSecrets.BotToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_are_read_by_another_worker_process_on_the_same_table()
    {
        var first = await AppAsync();
        var id = (await (await first.PostAsync("/api/meetings", "{}")).ReadJsonAsync()).GetProperty("meetingId").GetString()!;

        var second = await DefaultTwinAsync();

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/api/meetings/{id}")).StatusCode);
    }
}
