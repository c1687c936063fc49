using System.Net;
using System.Text.Json;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Api;

/// <summary>A meeting that goes on: more guests and hosts, and fresh links, through the meeting's own sub.</summary>
public sealed class MeetingLinksApiTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    [Fact]
    public async Task An_added_guest_gets_a_new_link_to_the_same_space_and_the_record_keeps_every_link()
    {
        var (app, broker) = await FakeBrokerAppAsync();
        var created = await (await app.PostAsync("/api/meetings", "{}")).ReadJsonAsync();
        var id = created.GetProperty("meetingId").GetString();

        var added = await app.PostAsync($"/api/meetings/{id}/links", "{}");

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var body = await added.ReadJsonAsync();
        Assert.Equal(id, body.GetProperty("meetingId").GetString());
        Assert.Equal(created.GetProperty("sub").GetString(), body.GetProperty("sub").GetString());
        Assert.Equal(1, body.GetProperty("guestUrls").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("hostUrl").ValueKind);
        Assert.Equal(0, body.GetProperty("hostUrls").GetArrayLength());
        Assert.NotEqual(created.GetProperty("guestUrl").GetString(), body.GetProperty("guestUrl").GetString());
        Assert.Equal(body.GetProperty("baseUrl").GetString() + body.GetProperty("guestSuffix").GetString(), body.GetProperty("guestUrl").GetString());
        Assert.False(body.GetProperty("replayed").GetBoolean());
        Assert.Equal(2, broker.Requests.Count);
        Assert.Single(broker.Requests.Select(r => r.Sub).Distinct());

        var links = (await app.ReadRecordAsync(id!)).GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(3, links.Count);
        Assert.Equal(["host", "guest", "guest"], links.Select(l => l.GetProperty("kind").GetString()));
        Assert.Contains(links, l => l.GetProperty("url").GetString() == body.GetProperty("guestUrl").GetString());
        Assert.All(links, l => Assert.True(l.TryGetProperty("issuedAt", out _) && l.TryGetProperty("validFrom", out _) && l.TryGetProperty("expiresAt", out _)));
    }

    [Fact]
    public async Task A_replay_answers_the_same_links_without_the_broker_and_other_parameters_conflict()
    {
        var (app, broker) = await FakeBrokerAppAsync();
        var id = await app.CreateMeetingAsync();
        var body = new { guests = 1, hosts = 1, requestId = "add-1" };

        var first = await (await app.PostAsync($"/api/meetings/{id}/links", body)).ReadJsonAsync();
        var again = await (await app.PostAsync($"/api/meetings/{id}/links", body)).ReadJsonAsync();
        var conflict = await app.PostAsync($"/api/meetings/{id}/links", new { guests = 2, requestId = "add-1" });

        Assert.True(again.GetProperty("replayed").GetBoolean());
        Assert.Equal(first.GetProperty("guestUrl").GetString(), again.GetProperty("guestUrl").GetString());
        Assert.Equal(first.GetProperty("hostUrl").GetString(), again.GetProperty("hostUrl").GetString());
        Assert.Equal(2, broker.Requests.Count);
        await conflict.AssertProblemAsync(409, "idempotency_conflict");
        Assert.Equal(4, (await app.ReadRecordAsync(id)).GetProperty("links").GetArrayLength());
    }

    [Fact]
    public async Task The_same_key_on_another_meeting_is_another_key()
    {
        var app = await AppAsync();
        var key = "shared-" + Guid.NewGuid();
        var first = await app.CreateMeetingAsync();
        var second = await app.CreateMeetingAsync();

        var a = await (await app.PostAsync($"/api/meetings/{first}/links", "{}", idempotencyKey: key)).ReadJsonAsync();
        var b = await (await app.PostAsync($"/api/meetings/{second}/links", "{}", idempotencyKey: key)).ReadJsonAsync();

        Assert.False(a.GetProperty("replayed").GetBoolean());
        Assert.False(b.GetProperty("replayed").GetBoolean());
        Assert.Equal(second, b.GetProperty("meetingId").GetString());
    }

    [Fact]
    public async Task Renewed_links_carry_the_new_validity_window()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync();
        var until = DateTimeOffset.UtcNow.AddDays(3);

        var renewed = await (await app.PostAsync($"/api/meetings/{id}/links", new
        {
            guests = 1,
            hosts = 1,
            expiresAt = until.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        })).ReadJsonAsync();

        Assert.Equal(until.ToUnixTimeSeconds(), renewed.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeSeconds());
        var links = (await app.ReadRecordAsync(id)).GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(2, links.Count(l => l.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeSeconds() == until.ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task Four_adds_at_once_with_different_keys_all_keep_their_links()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(i => app.PostAsync($"/api/meetings/{id}/links", new { guests = 1, hosts = 1 }, idempotencyKey: $"{id}-{i}")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var handedOut = (await Task.WhenAll(answers.Select(a => a.ReadJsonAsync())))
            .SelectMany(b => new[] { b.GetProperty("guestUrl").GetString(), b.GetProperty("hostUrl").GetString() })
            .ToList();
        var kept = (await app.ReadRecordAsync(id)).GetProperty("links").EnumerateArray().Select(l => l.GetProperty("url").GetString()).ToList();
        Assert.Equal(2 + 8, kept.Count);
        Assert.All(handedOut, url => Assert.Contains(url, kept));
    }

    [Fact]
    public async Task Past_100_links_the_meeting_is_full()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync(new { hosts = 1, guests = 24 });
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/api/meetings/{id}/links", new { guests = 25 })).StatusCode);
        }

        var full = await app.PostAsync($"/api/meetings/{id}/links", "{}");

        var problem = await full.AssertProblemAsync(409, "link_limit");
        Assert.Contains("100", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(100, (await app.ReadRecordAsync(id)).GetProperty("links").GetArrayLength());
    }

    [Fact]
    public async Task A_meeting_the_broker_refused_is_not_ready_and_an_unknown_one_is_not_found()
    {
        var (app, broker) = await FakeBrokerAppAsync();
        broker.Next(400);
        await (await app.PostAsync("/api/meetings", "{}")).AssertProblemAsync(502, "upstream_rejected");
        var listed = await (await app.GetAsync("/api/meetings?status=rejected")).ReadJsonAsync();
        var meetingId = listed.GetProperty("items")[0].GetProperty("meetingId").GetString();

        var notReady = await app.PostAsync($"/api/meetings/{meetingId}/links", "{}");
        var unknown = await app.PostAsync("/api/meetings/20261125-51299877-aaaaaaaa/links", "{}");
        var malformed = await app.PostAsync("/api/meetings/not-a-meeting/links", "{}");

        await notReady.AssertProblemAsync(409, "meeting_not_ready");
        await unknown.AssertProblemAsync(404, "not_found");
        await AssertNoRouteAsync(malformed);
        Assert.Single(broker.Requests);
    }

    [Fact]
    public async Task Bad_requests_and_wrong_keys_are_refused_before_the_broker_is_asked()
    {
        var (app, broker) = await FakeBrokerAppAsync();
        var id = await app.CreateMeetingAsync();

        await (await app.PostAsync($"/api/meetings/{id}/links", new { hosts = 0, guests = 0 })).AssertProblemAsync(400, "invalid_request");
        await (await app.PostAsync($"/api/meetings/{id}/links", new { guests = 30 })).AssertProblemAsync(400, "invalid_request");
        await (await app.PostAsync($"/api/meetings/{id}/links", new { expiresAt = "2020-01-01T00:00:00Z" })).AssertProblemAsync(400, "invalid_request");
        await (await app.PostAsync($"/api/meetings/{id}/links", new { devices = new[] { "room@example.com" } })).AssertProblemAsync(400, "invalid_request");
        await (await app.PostAsync($"/api/meetings/{id}/links", "{}", key: TestSecrets.OpsKey)).AssertProblemAsync(403, "forbidden");
        await (await app.PostAsync($"/api/meetings/{id}/links", "{}", key: null)).AssertProblemAsync(401, "unauthorized");
        Assert.Single(broker.Requests);
    }

    [Fact]
    public async Task A_record_written_before_links_were_kept_one_by_one_still_reads_and_takes_more()
    {
        var app = await AppAsync();
        var id = await TableRows.SeedMeetingAsync(Azurite, app.TableName, DateTimeOffset.UtcNow.AddHours(-1));

        var before = await app.ReadRecordAsync(id);
        var added = await app.PostAsync($"/api/meetings/{id}/links", "{}");
        var after = await app.ReadRecordAsync(id);

        Assert.Equal(2, before.GetProperty("links").GetArrayLength());
        Assert.Equal("https://instant.webex.com/visit/gSeeded", before.GetProperty("links").EnumerateArray()
            .Single(l => l.GetProperty("kind").GetString() == "guest").GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(3, after.GetProperty("links").GetArrayLength());
        Assert.Equal("https://instant.webex.com/visit/gSeeded", after.GetProperty("guestUrls")[0].GetString());
    }
}
