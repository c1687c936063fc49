using System.Globalization;
using System.Text.Json;
using MeetingLinks.Http;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Operations;

/// <summary>
/// <c>GET /api/meetings/summary</c> on the real worker against Azurite. Its figures are a whole day's, so these tests and the
/// page's share an app (and a table) of their own, and each seeds a day of its own.
/// </summary>
public sealed class DaySummaryApiTests(AzuriteFixture azurite, ITestOutputHelper output) : HostSuite(azurite, output)
{
    /// <summary>The shared app of the day's figures; nothing else writes to its table.</summary>
    internal const string Configuration = "day-summary";

    internal static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task<AppHost> SummaryAppAsync() => SharedAppAsync(Configuration);

    private static async Task<int> ListedAsync(AppHost app, DateOnly day)
        => (await (await app.GetAsync($"/api/meetings?day={Text(day)}&pageSize=500")).ReadJsonAsync()).GetProperty("items").GetArrayLength();

    [Fact]
    public async Task A_day_of_every_kind_answers_the_figures_counted_by_hand_and_as_many_meetings_as_its_listing()
    {
        var app = await SummaryAppAsync();
        // The page's test seeds 30 days ago; with the meetings either side, a seeded day takes three.
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-20);
        await MeetingsOfEveryKind.SeedAsync(Azurite, app.TableName, day);

        var response = await app.GetAsync($"/api/meetings/summary?day={Text(day)}");

        var summary = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), ApiJsonContext.Default.DaySummary)!;
        MeetingsOfEveryKind.AssertSame(MeetingsOfEveryKind.Figures(day), summary);
        Assert.Equal(await ListedAsync(app, day), summary.Meetings);
    }

    [Fact]
    public async Task Without_a_day_it_sums_up_today_with_the_meeting_just_created()
    {
        var app = await SummaryAppAsync();
        var before = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.CreateMeetingAsync(new { reference = MeetingCalls.UniqueReference("GLANCE") });

        var summary = await (await app.GetAsync("/api/meetings/summary")).ReadJsonAsync();

        var day = DateOnly.ParseExact(summary.GetProperty("day").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.InRange(day, before, DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Equal(await ListedAsync(app, day), summary.GetProperty("meetings").GetInt32());
        if (day == before)
        {
            // Unless midnight came in between, the meeting just created is one of them.
            Assert.True(summary.GetProperty("statuses").GetProperty("created").GetInt32() >= 1);
        }
    }

    [Fact]
    public async Task A_flow_key_is_forbidden_and_a_bad_day_is_an_invalid_query()
    {
        var app = await SummaryAppAsync();

        await (await app.GetAsync("/api/meetings/summary", TestSecrets.FlowKey)).AssertProblemAsync(403, "forbidden");
        await (await app.GetAsync("/api/meetings/summary", key: null)).AssertProblemAsync(401, "unauthorized");
        var problem = await (await app.GetAsync("/api/meetings/summary?day=2026-02-30")).AssertProblemAsync(400, "invalid_query");
        Assert.True(problem.GetProperty("errors").TryGetProperty("day", out _));
    }
}
