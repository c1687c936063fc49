using System.Net;
using System.Text;
using System.Text.Json;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingLinks.Tests.Operations;

/// <summary>Listing, filters, paging, events and CSV through the real routes against Azurite.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public class OperationsApiTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Day1);

    private Task<TestApp> StartAsync(IDictionary<string, string?>? settings = null)
        => TestApp.StartAsync(azurite, settings, services => services.AddSingleton<TimeProvider>(_time));

    private static async Task<string> CreateAsync(TestApp app, object body)
    {
        var response = await app.PostAsync("/api/meetings", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("meetingId").GetString()!;
    }

    /// <summary>Seven meetings over three days, two minutes apart within a day; returned newest first.</summary>
    private async Task<List<string>> SeedAsync(TestApp app)
    {
        var ids = new List<string>();
        foreach (var (day, count) in new[] { (0, 2), (1, 3), (2, 2) })
        {
            _time.SetUtcNow(Day1.AddDays(day));
            for (var i = 0; i < count; i++)
            {
                _time.Advance(TimeSpan.FromMinutes(2));
                ids.Add(await CreateAsync(app, new { reference = $"R{day}", customer = new { phone = $"+1555000{day}{i:000}" } }));
            }
        }

        ids.Reverse();
        return ids;
    }

    [Fact]
    public async Task Pages_join_up_newest_first_with_no_gaps_or_repeats()
    {
        await using var app = await StartAsync();
        var expected = await SeedAsync(app);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var url = "/api/meetings?from=2026-11-20&to=2026-11-22&pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await (await app.GetAsync(url)).ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("meetingId").GetString()!));
            token = page.GetProperty("continuationToken").GetString();
            Assert.True(++pages < 10);
        }
        while (token is not null);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Default_page_is_the_last_seven_days_and_each_filter_narrows_it()
    {
        await using var app = await StartAsync();
        var all = await SeedAsync(app);

        async Task<List<string>> Ids(string query) => [.. (await (await app.GetAsync("/api/meetings?" + query)).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("meetingId").GetString()!)];

        Assert.Equal(all, await Ids(""));
        Assert.Equal(all.Skip(2).Take(3), await Ids("day=2026-11-21"));
        Assert.Equal(all.Skip(2).Take(3), await Ids("reference=R1"));
        Assert.Equal([all[6]], await Ids("phone=" + Uri.EscapeDataString("1 555 000 0000")));
        Assert.Equal([all[6]], await Ids("phone=%2B15550000000&reference=R0"));
        Assert.Empty(await Ids("phone=%2B15550000000&reference=R1"));
        Assert.Equal(all, await Ids("status=created"));
        Assert.Empty(await Ids("status=read"));
    }

    [Fact]
    public async Task Events_move_the_status_forward_only_and_duplicates_are_harmless()
    {
        await using var app = await StartAsync();
        var id = await CreateAsync(app, new { reference = "EV" });

        async Task<JsonElement> Report(object body) => await (await app.PostAsync($"/api/meetings/{id}/events", body)).ReadJsonAsync();
        Assert.Equal("recorded", (await Report(new { type = "sent", channel = "whatsapp" })).GetProperty("outcome").GetString());
        Assert.Equal("recorded", (await Report(new { type = "read", channel = "whatsapp" })).GetProperty("outcome").GetString());
        Assert.Equal("recorded", (await Report(new { type = "delivered", channel = "whatsapp" })).GetProperty("outcome").GetString());
        Assert.Equal("duplicate", (await Report(new { type = "sent", channel = "whatsapp" })).GetProperty("outcome").GetString());

        var record = await (await app.GetAsync($"/api/meetings/{id}")).ReadJsonAsync();
        Assert.Equal("read", record.GetProperty("status").GetString());
        Assert.Equal(["sent", "read", "delivered"], record.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Single((await (await app.GetAsync("/api/meetings?status=read")).ReadJsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Bad_event_reports_get_clear_errors()
    {
        await using var app = await StartAsync();
        var id = await CreateAsync(app, new { });

        await (await app.PostAsync($"/api/meetings/{id}/events", new { type = "opened" })).AssertProblemAsync(400, "invalid_event");
        await (await app.PostAsync($"/api/meetings/{id}/events", "{\"type\":")).AssertProblemAsync(400, "invalid_request");
        await (await app.PostAsync("/api/meetings/20261120-00000001-aaaaaaaa/events", new { type = "sent" })).AssertProblemAsync(404, "not_found");
        await (await app.PostAsync("/api/meetings/nope/events", new { type = "sent" })).AssertProblemAsync(404, "not_found");
        await (await app.PostAsync($"/api/meetings/{id}/events", new { type = "sent" }, key: TestApp.OpsKey)).AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task A_flow_key_cannot_read_list_or_export()
    {
        await using var app = await StartAsync();

        await (await app.GetAsync("/api/meetings", key: TestApp.FlowKey)).AssertProblemAsync(403, "forbidden");
        await (await app.GetAsync("/api/meetings/export", key: TestApp.FlowKey)).AssertProblemAsync(403, "forbidden");
        await (await app.GetAsync("/api/meetings", key: null)).AssertProblemAsync(401, "unauthorized");
        await (await app.PostAsync("/api/maintenance/purge", "", key: TestApp.FlowKey)).AssertProblemAsync(403, "forbidden");
    }

    [Theory]
    [InlineData("day=2026-13-01", "day")]
    [InlineData("day=2026-11-20&from=2026-11-19", "day")]
    [InlineData("from=2026-11-22&to=2026-11-20", "from")]
    [InlineData("from=2026-01-01&to=2026-11-20", "from")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("status=lost", "status")]
    [InlineData("phone=abc", "phone")]
    [InlineData("continuationToken=garbage", "continuationToken")]
    [InlineData("colour=red", "colour")]
    public async Task Bad_listing_queries_are_400_naming_the_parameter(string query, string field)
    {
        await using var app = await StartAsync();

        var problem = await (await app.GetAsync("/api/meetings?" + query)).AssertProblemAsync(400, "invalid_query");

        Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_token_does_not_continue_a_different_query()
    {
        await using var app = await StartAsync();
        await SeedAsync(app);
        var first = await (await app.GetAsync("/api/meetings?from=2026-11-20&to=2026-11-22&pageSize=1")).ReadJsonAsync();
        var token = Uri.EscapeDataString(first.GetProperty("continuationToken").GetString()!);

        var other = await app.GetAsync($"/api/meetings?from=2026-11-20&to=2026-11-22&pageSize=1&reference=R1&continuationToken={token}");

        await other.AssertProblemAsync(400, "invalid_query");
    }

    [Fact]
    public async Task Csv_export_opens_in_Excel_and_neutralises_hostile_cells()
    {
        await using var app = await StartAsync();
        await CreateAsync(app, new
        {
            customer = new { phone = "+15551234567", name = "=HYPERLINK(\"http://evil\",\"x\")", channel = "sms" },
            reference = "A,B \"quoted\"",
            subject = "@SUM(1+1)",
        });
        _time.Advance(TimeSpan.FromMinutes(1));
        await CreateAsync(app, new { customer = new { name = "-2+3" }, reference = "PLAIN" });

        var response = await app.GetAsync("/api/meetings/export?day=2026-11-20");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("meetingId,createdAt,status,reference", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", lines[2], StringComparison.Ordinal);
        Assert.Contains("\"A,B \"\"quoted\"\"\"", lines[2], StringComparison.Ordinal);
        Assert.Contains(",'@SUM(1+1),", lines[2], StringComparison.Ordinal);
        Assert.Contains(",'+15551234567,", lines[2], StringComparison.Ordinal);
        Assert.Contains(",'-2+3,", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains(",=", StringComparison.Ordinal) || l.Contains(",@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Purge_removes_meetings_past_retention_and_expired_keys_only()
    {
        await using var app = await StartAsync(new Dictionary<string, string?> { ["Meetings:RetentionDays"] = "30" });
        var old = await CreateAsync(app, new { reference = "OLD" });
        await app.PostAsync("/api/meetings", new { reference = "KEYED" }, idempotencyKey: "old-key");
        _time.Advance(TimeSpan.FromDays(31));
        var recent = await CreateAsync(app, new { reference = "NEW" });

        var report = await (await app.PostAsync("/api/maintenance/purge", "", key: TestApp.OpsKey)).ReadJsonAsync();

        Assert.Equal(2, report.GetProperty("meetingsDeleted").GetInt32());
        Assert.Equal(1, report.GetProperty("keysDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetAsync($"/api/meetings/{old}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/api/meetings/{recent}")).StatusCode);
        Assert.Contains(app.Logs.Lines, l => l.Contains("Retention purge removed 2 meetings", StringComparison.Ordinal));
    }
}
