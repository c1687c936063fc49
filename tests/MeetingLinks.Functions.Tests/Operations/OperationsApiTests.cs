using System.Globalization;
using System.Net;
using System.Text;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Operations;

/// <summary>
/// Listing, filters, paging, events, CSV and the retention purge through the real routes against Azurite, on both
/// hosts. Records of past days are written straight into the app's table, in the app's own entity shape.
/// </summary>
public sealed class OperationsApiTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    private const int RetentionDays = 30;

    // xunit makes an instance per test: one "today" for everything a test seeds and asks for.
    private readonly DateOnly _today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The three days before today, as a listing range.</summary>
    private string PastDays => $"from={Day(_today.AddDays(-3))}&to={Day(_today.AddDays(-1))}";

    private static DateOnly DayOf(string meetingId) => DateOnly.ParseExact(meetingId[..8], "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Seven meetings over the three days before today, two minutes apart within a day, with phones
    /// <c>+1555000{day}{n:000}</c> (day 0 the oldest); returned newest first.
    /// </summary>
    private async Task<List<string>> SeedPastDaysAsync(AppHost app, Func<int, string> referenceOfDay)
    {
        var ids = new List<string>();
        foreach (var (day, count) in new[] { (0, 2), (1, 3), (2, 2) })
        {
            var morning = new DateTimeOffset(_today.AddDays(day - 3).ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc));
            for (var i = 0; i < count; i++)
            {
                ids.Add(await TableRows.SeedMeetingAsync(
                    Azurite, app.TableName, morning.AddMinutes(2 * (i + 1)), referenceOfDay(day), $"+1555000{day}{i:000}"));
            }
        }

        ids.Reverse();
        return ids;
    }

    private static async Task<List<string>> ListIdsAsync(AppHost app, string query)
        => [.. (await (await app.GetAsync("/api/meetings?" + query)).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("meetingId").GetString()!)];

    [Fact]
    public async Task Pages_join_up_newest_first_with_no_gaps_or_repeats()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("PAGED");
        var expected = await SeedPastDaysAsync(app, _ => reference);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var url = $"/api/meetings?{PastDays}&pageSize=2&reference={reference}"
                + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
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
        // The unfiltered listing is the whole table's: this test needs a table of its own.
        var app = await StartAppAsync();
        var all = await SeedPastDaysAsync(app, day => $"R-{day}");
        var tooOld = new DateTimeOffset(_today.AddDays(-7).ToDateTime(new TimeOnly(23, 59), DateTimeKind.Utc));
        var tooOldId = await TableRows.SeedMeetingAsync(Azurite, app.TableName, tooOld, "R-0", "+15550000000");

        Assert.Equal(all, await ListIdsAsync(app, ""));
        Assert.Equal(all.Skip(2).Take(3), await ListIdsAsync(app, $"day={Day(_today.AddDays(-2))}"));
        Assert.Equal(all.Skip(2).Take(3), await ListIdsAsync(app, "reference=R-1"));
        // A phone number's listing covers the whole retention period unless told otherwise.
        Assert.Equal([all[6], tooOldId], await ListIdsAsync(app, "phone=" + Uri.EscapeDataString("1 555 000 0000")));
        Assert.Equal([all[6]], await ListIdsAsync(app, $"phone=%2B15550000000&from={Day(_today.AddDays(-6))}"));
        Assert.Equal([all[6], tooOldId], await ListIdsAsync(app, "phone=%2B15550000000&reference=R-0"));
        Assert.Empty(await ListIdsAsync(app, "phone=%2B15550000000&reference=R-1"));
        Assert.Equal(all, await ListIdsAsync(app, "status=created"));
        Assert.Empty(await ListIdsAsync(app, "status=read"));
    }

    [Fact]
    public async Task Events_move_the_status_forward_only_and_duplicates_are_harmless()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("EV");
        var id = await app.CreateMeetingAsync(new { reference });

        async Task<string?> Report(string type) => (await app.ReportEventAsync(id, new { type, channel = "whatsapp" })).GetProperty("outcome").GetString();
        Assert.Equal("recorded", await Report("sent"));
        Assert.Equal("recorded", await Report("read"));
        Assert.Equal("recorded", await Report("delivered"));
        Assert.Equal("duplicate", await Report("sent"));

        var record = await app.ReadRecordAsync(id);
        Assert.Equal("read", record.GetProperty("status").GetString());
        Assert.Equal(["sent", "read", "delivered"], record.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([id], await ListIdsAsync(app, $"status=read&reference={reference}"));
    }

    [Fact]
    public async Task Bad_event_reports_get_clear_errors()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync();

        await (await app.PostAsync($"/api/meetings/{id}/events", new { type = "opened" })).AssertProblemAsync(400, "invalid_event");
        await (await app.PostAsync($"/api/meetings/{id}/events", "{\"type\":")).AssertProblemAsync(400, "invalid_request");
        await (await app.PostAsync("/api/meetings/20261120-00000001-aaaaaaaa/events", new { type = "sent" })).AssertProblemAsync(404, "not_found");
        await AssertNoRouteAsync(await app.PostAsync("/api/meetings/nope/events", new { type = "sent" }));
        await (await app.PostAsync($"/api/meetings/{id}/events", new { type = "sent" }, key: TestSecrets.OpsKey)).AssertProblemAsync(403, "forbidden");
        Assert.Empty((await app.ReadRecordAsync(id)).GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task A_flow_key_cannot_read_list_export_or_purge()
    {
        var app = await AppAsync();

        await (await app.GetAsync("/api/meetings", key: TestSecrets.FlowKey)).AssertProblemAsync(403, "forbidden");
        await (await app.GetAsync("/api/meetings/export", key: TestSecrets.FlowKey)).AssertProblemAsync(403, "forbidden");
        await (await app.GetAsync("/api/meetings", key: null)).AssertProblemAsync(401, "unauthorized");
        await (await app.PostAsync("/api/maintenance/purge", "", key: TestSecrets.FlowKey)).AssertProblemAsync(403, "forbidden");
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
        var app = await AppAsync();

        var problem = await (await app.GetAsync("/api/meetings?" + query)).AssertProblemAsync(400, "invalid_query");

        Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_token_does_not_continue_a_different_query()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("TOKEN");
        await SeedPastDaysAsync(app, day => $"{reference}-{day}");
        var range = $"{PastDays}&pageSize=1";
        var first = await (await app.GetAsync($"/api/meetings?{range}")).ReadJsonAsync();
        var token = Uri.EscapeDataString(first.GetProperty("continuationToken").GetString()!);

        var other = await app.GetAsync($"/api/meetings?{range}&reference={reference}-1&continuationToken={token}");

        await other.AssertProblemAsync(400, "invalid_query");
    }

    [Fact]
    public async Task Csv_export_opens_in_Excel_and_neutralises_hostile_cells()
    {
        var app = await AppAsync();
        var hostile = await app.CreateMeetingAsync(new
        {
            customer = new { phone = "+15551234567", name = "=HYPERLINK(\"http://evil\",\"x\")", channel = "sms" },
            reference = "A,B \"quoted\"",
            subject = "@SUM(1+1)",
        });
        var plain = await app.CreateMeetingAsync(new { customer = new { name = "-2+3" }, reference = "PLAIN" });

        var response = await app.GetAsync($"/api/meetings/export?from={Day(DayOf(hostile))}&to={Day(DayOf(plain))}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("meetingId,createdAt,status,reference", lines[0], StringComparison.Ordinal);
        var hostileAt = Array.FindIndex(lines, l => l.StartsWith(hostile + ",", StringComparison.Ordinal));
        var plainAt = Array.FindIndex(lines, l => l.StartsWith(plain + ",", StringComparison.Ordinal));
        Assert.True(plainAt > 0 && hostileAt > plainAt, $"expected the newer row first, got rows {plainAt} and {hostileAt}");
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", lines[hostileAt], StringComparison.Ordinal);
        Assert.Contains("\"A,B \"\"quoted\"\"\"", lines[hostileAt], StringComparison.Ordinal);
        Assert.Contains(",'@SUM(1+1),", lines[hostileAt], StringComparison.Ordinal);
        Assert.Contains(",'+15551234567,", lines[hostileAt], StringComparison.Ordinal);
        Assert.Contains(",'-2+3,", lines[plainAt], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains(",=", StringComparison.Ordinal) || l.Contains(",@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_is_not_taken_for_a_meeting_id()
    {
        var app = await AppAsync();

        var response = await app.GetAsync("/api/meetings/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        Assert.StartsWith("meetingId,createdAt,status,reference", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_route_removes_meetings_past_retention_and_expired_keys_only()
    {
        // The counts are the table's: the two purge tests share an app of their own, and run one after the other.
        var app = await SharedAppAsync("retention", new Dictionary<string, string?> { ["Meetings:RetentionDays"] = $"{RetentionDays}" });
        var seeded = await SeedRetentionAsync(app);

        var report = await (await app.PostAsync("/api/maintenance/purge", "", key: TestSecrets.OpsKey)).ReadJsonAsync();

        Assert.Equal(2, report.GetProperty("meetingsDeleted").GetInt32());
        Assert.Equal(1, report.GetProperty("keysDeleted").GetInt32());
        await AssertPurgedAsync(app, seeded);
    }

    [Fact]
    public async Task Purge_timer_removes_meetings_past_retention_and_expired_keys_only()
    {
        // The counts are the table's: the two purge tests share an app of their own, and run one after the other.
        var app = await SharedAppAsync("retention", new Dictionary<string, string?> { ["Meetings:RetentionDays"] = $"{RetentionDays}" });
        var seeded = await SeedRetentionAsync(app);

        Assert.True(await app.RunTimerAsync("PurgeExpiredRecords"));

        await AssertPurgedAsync(app, seeded);
    }

    /// <summary>
    /// Two meetings from the last minute of the last day past retention (one with a key long expired), one from the
    /// first minute of the second day within it, and one created now with a live key. Each stays on its side of the
    /// line should midnight pass between seeding and purging.
    /// </summary>
    private async Task<RetentionRows> SeedRetentionAsync(AppHost app)
    {
        var pastRetention = new DateTimeOffset(_today.AddDays(-RetentionDays - 1).ToDateTime(new TimeOnly(23, 59), DateTimeKind.Utc));
        var expiredKey = "old-key-" + Guid.NewGuid();
        var old = await TableRows.SeedMeetingAsync(Azurite, app.TableName, pastRetention, "OLD");
        var oldKeyed = await TableRows.SeedMeetingAsync(Azurite, app.TableName, pastRetention, "KEYED");
        await TableRows.SeedKeyAsync(Azurite, app.TableName, expiredKey, oldKeyed, pastRetention, pastRetention.AddDays(1));
        var withinRetention = new DateTimeOffset(_today.AddDays(1 - RetentionDays).ToDateTime(new TimeOnly(0, 1), DateTimeKind.Utc));
        var kept = await TableRows.SeedMeetingAsync(Azurite, app.TableName, withinRetention, "KEPT");
        var liveKey = "new-key-" + Guid.NewGuid();
        var recent = (await (await app.PostAsync("/api/meetings", new { reference = "NEW" }, idempotencyKey: liveKey)).ReadJsonAsync())
            .GetProperty("meetingId").GetString()!;
        return new RetentionRows([old, oldKeyed], [kept, recent], expiredKey, liveKey);
    }

    private async Task AssertPurgedAsync(AppHost app, RetentionRows rows)
    {
        foreach (var id in rows.Old)
        {
            await (await app.GetAsync($"/api/meetings/{id}")).AssertProblemAsync(404, "not_found");
        }

        foreach (var id in rows.Kept)
        {
            Assert.Equal(id, (await app.ReadRecordAsync(id)).GetProperty("meetingId").GetString());
        }

        Assert.False(await TableRows.HasKeyAsync(Azurite, app.TableName, rows.ExpiredKey));
        var replay = await (await app.PostAsync("/api/meetings", new { reference = "NEW" }, idempotencyKey: rows.LiveKey)).ReadJsonAsync();
        Assert.True(replay.GetProperty("replayed").GetBoolean());
        Assert.Equal(rows.Kept[^1], replay.GetProperty("meetingId").GetString());
        Assert.Contains("Retention purge removed 2 meetings", app.LogText, StringComparison.Ordinal);
    }

    private sealed record RetentionRows(string[] Old, string[] Kept, string ExpiredKey, string LiveKey);
}
