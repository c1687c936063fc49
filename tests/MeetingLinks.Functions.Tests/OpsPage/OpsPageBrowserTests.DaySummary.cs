using MeetingLinks.Tests.Infrastructure;
using MeetingLinks.Tests.Operations;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingLinks.Tests.OpsPage;

/// <summary>
/// The day at a glance above the table, on the app the summary's API tests share (its figures are a whole day's): each test
/// seeds a day of its own, or reads only today's.
/// </summary>
public sealed partial class OpsPageBrowserTests
{
    // Lets a test hide the tab: headless Chromium's own tab is always visible.
    private const string VisibilitySwitch = """
        (() => {
          let hidden = false;
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
          window.__setHidden = (value) => { hidden = value; document.dispatchEvent(new Event('visibilitychange')); };
        })();
        """;

    [Fact]
    public async Task The_day_at_a_glance_shows_the_searched_days_figures_as_text_and_pictures_at_desktop_and_phone_width()
    {
        var app = await SharedAppAsync(DaySummaryApiTests.Configuration);
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30);
        await MeetingsOfEveryKind.SeedAsync(Azurite, app.TableName, day);

        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await session.SearchDayAsync(day);

        // The same page at a desktop's width, then turned to a phone's.
        foreach (var (width, height) in new[] { (1280, 900), (375, 800) })
        {
            await session.Page.SetViewportSizeAsync(width, height);
            var glance = session.Page.Locator("#glance");
            await Expect(glance.Locator("#glance-day")).ToHaveTextAsync($"{DaySummaryApiTests.Text(day)} (UTC)");
            await Expect(glance.Locator(".figure dd")).ToHaveTextAsync(
            [
                "13",
                "pending 1 · rejected 1 · created 3 · sent 1 · failed 1 · delivered 2 · read 2 · cancelled 2",
                "7: 1 joining, 1 declined, 1 unanswered, 1 unreachable, 2 waiting",
                "3: 1 reminded, 1 rescheduled, 1 cancelled",
                "4 sent, 2 failed",
            ]);

            var hours = glance.GetByRole(AriaRole.Img, new() { Name = "Meetings created per UTC hour" });
            await Expect(hours.Locator("rect.bar")).ToHaveCountAsync(24);
            // Two meetings at 08:00 and three at 09:00, the busiest hour: two thirds of the full height, and all of it.
            Assert.Equal("48", await hours.Locator("rect.bar").Nth(8).GetAttributeAsync("height"));
            Assert.Equal("72", await hours.Locator("rect.bar").Nth(9).GetAttributeAsync("height"));
            await Expect(glance.Locator("[data-chart=hours] .chart-numbers")).ToHaveTextAsync("08:00 2 · 09:00 3 · 10:00 2 · 11:00 2 · 13:00 2 · 14:00 1 · 23:00 1");

            var path = glance.GetByRole(AriaRole.Img, new() { Name = "Links created, delivered and read" });
            await Expect(path.Locator("rect")).ToHaveCountAsync(3);
            await Expect(glance.Locator("[data-chart=path] .chart-numbers")).ToHaveTextAsync("9 created → 4 delivered → 2 read (cancelled meetings left out)");

            var experts = glance.GetByRole(AriaRole.Img, new() { Name = "How the experts asked answered" });
            await Expect(experts.Locator("rect")).ToHaveCountAsync(5);
            await Expect(experts).ToHaveAccessibleDescriptionAsync("joining 1, declined 1, unanswered 1, unreachable 1, waiting 2");

            // Above the table, and nothing wider than the screen.
            var glanceBox = (await glance.BoundingBoxAsync())!;
            Assert.True(glanceBox.Y < (await session.Page.Locator("#results").BoundingBoxAsync())!.Y, "the figures are above the table");
            foreach (var picture in await glance.Locator("svg").AllAsync())
            {
                Assert.True((await picture.BoundingBoxAsync())!.Width <= width, $"a picture is wider than {width} px");
            }

            Assert.True(
                await session.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                $"the page scrolls sideways at {width} px");
            await session.ScreenshotIfAskedAsync($"ops-page-glance-{width}.png");
            Assert.Empty(session.Errors);
        }
    }

    private static bool IsSummary(IRequest request) => request.Url.Contains("/api/meetings/summary", StringComparison.Ordinal);

    [Fact]
    public async Task The_figures_are_asked_for_again_every_30_s_while_the_tab_is_visible_and_at_once_when_it_is_seen_again()
    {
        var app = await SharedAppAsync(DaySummaryApiTests.Configuration);
        var asked = 0;
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app, beforeOpening: async page =>
        {
            await page.Clock.InstallAsync();
            await page.AddInitScriptAsync(VisibilitySwitch);
            page.Request += (_, request) =>
            {
                if (IsSummary(request))
                {
                    Interlocked.Increment(ref asked);
                }
            };
        });

        await session.Page.RunAndWaitForRequestAsync(() => session.EnterKeyAsync(TestSecrets.OpsKey), IsSummary);
        await Expect(session.Page.Locator("#glance-status")).ToContainTextAsync("Updated");
        await session.Page.RunAndWaitForRequestAsync(() => session.Page.Clock.RunForAsync(30_000), IsSummary);

        // Hidden, the page asks nothing however long it waits; seen again, it asks at once.
        await session.Page.EvaluateAsync("() => window.__setHidden(true)");
        await session.Page.Clock.RunForAsync(120_000);
        await session.Page.RunAndWaitForRequestAsync(() => session.Page.EvaluateAsync("() => window.__setHidden(false)"), IsSummary);

        Assert.Equal(3, asked);
        Assert.Empty(session.Errors);
    }
}
