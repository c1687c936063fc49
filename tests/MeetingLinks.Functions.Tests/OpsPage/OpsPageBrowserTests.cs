using System.Text;
using System.Text.Json;
using MeetingLinks.Meetings;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MeetingLinks.Tests.OpsPage;

/// <summary>
/// The ops page in headless Chromium against the app on its loopback port, with records created
/// through the flow route. Each test searches by a reference of its own, so it sees only its own records.
/// </summary>
public sealed partial class OpsPageBrowserTests(AzuriteFixture azurite, ChromiumFixture chromium, ITestOutputHelper output)
    : HostSuite(azurite, output), IClassFixture<ChromiumFixture>
{
    private const string HostileName = "<img src=x onerror=alert(1)>";
    private const string HostileSubject = "<svg onload=\"window.__xss=1\"></svg><script>window.__xss=2</script>";
    private const string HostileDetail = "<b onmouseover=alert(2)>late</b>";
    private const string Phone = "+15551234567";

    private static Task<JsonElement> SeedHostileAsync(AppHost app, string reference) => CreateRecordAsync(app, new
    {
        customer = new { phone = "+1 555 123 4567", name = HostileName, channel = "whatsapp" },
        reference,
        subject = HostileSubject,
    });

    /// <summary>Creates a meeting through the flow route and returns the stored record, as the ops API shows it.</summary>
    private static async Task<JsonElement> CreateRecordAsync(AppHost app, object body)
        => await app.ReadRecordAsync(await app.CreateMeetingAsync(body));

    private static string IdOf(JsonElement record) => record.GetProperty("meetingId").GetString()!;

    private static DateOnly DayOf(JsonElement record)
        => DateOnly.FromDateTime(record.GetProperty("createdAt").GetDateTimeOffset().UtcDateTime);

    [Fact]
    public async Task Hostile_values_show_as_text_and_run_nothing()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-XSS");
        var record = await SeedHostileAsync(app, reference);
        await app.ReportEventAsync(IdOf(record), new { type = "delivered", channel = "whatsapp", detail = HostileDetail });
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);

        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await session.SearchDayAsync(DayOf(record), reference);

        var row = session.RowWith(reference);
        await Expect(row).ToBeVisibleAsync();
        Assert.Equal(HostileName, await row.Locator("td[data-col=customer] .customer-name").TextContentAsync());
        Assert.Equal(HostileSubject, await row.Locator("td[data-col=customer] .subject").TextContentAsync());
        await row.Locator("td[data-col=status] summary").ClickAsync();
        await Expect(row.Locator(".event-detail")).ToHaveTextAsync(HostileDetail);
        await Expect(row.Locator(".badge")).ToHaveTextAsync("delivered");

        // Nothing from the data became markup, and nothing ran.
        Assert.Equal(0, await session.Page.Locator("#meetings img, #meetings svg, #meetings script, #meetings b").CountAsync());
        Assert.Null(await session.Page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        await row.Locator(".event-detail").HoverAsync();
        Assert.Empty(session.Dialogs);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_status_filter_offers_exactly_the_services_statuses()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-STATUS");
        var record = await SeedHostileAsync(app, reference);
        await app.ReportEventAsync(IdOf(record), new { type = "delivered", channel = "whatsapp" });
        await app.CreateMeetingAsync(new { reference, customer = new { name = "Still Created" } });
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.EnterKeyAsync(TestSecrets.OpsKey);

        var options = session.Page.GetByLabel("Status", new() { Exact = true }).Locator("option");
        await Expect(options).ToHaveCountAsync(MeetingStatus.All.Length + 1);
        string[] labels = ["Any", .. MeetingStatus.All];
        string[] values = ["", .. MeetingStatus.All];
        Assert.Equal(labels, await options.AllTextContentsAsync());
        Assert.Equal(values, await options.EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));

        // Each one filters the listing.
        await session.Page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(MeetingStatus.Delivered);
        await session.SearchDayAsync(DayOf(record), reference);
        await Expect(session.Rows).ToHaveCountAsync(1);
        await Expect(session.Rows.Locator("td[data-col=customer] .customer-name")).ToHaveTextAsync(HostileName);
        await Expect(session.Rows.Locator(".badge")).ToHaveTextAsync(MeetingStatus.Delivered);

        await session.Page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(MeetingStatus.Created);
        await session.SearchAsync();
        await Expect(session.Rows).ToHaveCountAsync(1);
        await Expect(session.RowWith("Still Created")).ToBeVisibleAsync();
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Phone_is_masked_until_revealed()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-PHONE");
        var record = await SeedHostileAsync(app, reference);
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await session.SearchDayAsync(DayOf(record), reference);

        var phone = session.RowWith(reference).Locator("td[data-col=phone] .phone");
        await Expect(phone).ToHaveTextAsync("+15*******67");
        Assert.DoesNotContain(Phone, await session.Page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);

        var toggle = session.RowWith(reference).Locator("td[data-col=phone] button");
        await Expect(toggle).ToHaveTextAsync("Reveal");
        await toggle.ClickAsync();
        await Expect(phone).ToHaveTextAsync(Phone);
        await Expect(toggle).ToHaveTextAsync("Hide");

        await toggle.ClickAsync();
        await Expect(phone).ToHaveTextAsync("+15*******67");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_wrong_or_flow_key_says_it_is_not_an_ops_key_and_is_not_kept()
    {
        var app = await AppAsync();
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);

        await session.EnterKeyAsync("not-a-key");
        await Expect(session.Message).ToContainTextAsync("That is not an ops key");
        await Expect(session.Page.GetByLabel("Ops key", new() { Exact = true })).ToBeVisibleAsync();
        Assert.Null(await session.SessionKeyAsync());
        await session.ScreenshotIfAskedAsync("ops-page-wrong-key.png");

        await session.EnterKeyAsync(TestSecrets.FlowKey);
        await Expect(session.Message).ToContainTextAsync("flow role");
        await Expect(session.Message).ToContainTextAsync("That is not an ops key");
        Assert.Null(await session.SessionKeyAsync());
    }

    [Fact]
    public async Task The_key_lives_in_session_storage_only_until_forgotten()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-KEY");
        var record = await SeedHostileAsync(app, reference);
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await session.SearchDayAsync(DayOf(record), reference);
        await Expect(session.RowWith(reference)).ToBeVisibleAsync();

        Assert.Equal(TestSecrets.OpsKey, await session.SessionKeyAsync());
        Assert.Equal(0, await session.Page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Empty(await session.Page.Context.CookiesAsync());
        Assert.Equal("", await session.Page.GetByLabel("Ops key", new() { Exact = true }).InputValueAsync());

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Forget key" }).ClickAsync();
        await Expect(session.Page.GetByLabel("Ops key", new() { Exact = true })).ToBeFocusedAsync();
        await Expect(session.Rows).ToHaveCountAsync(0);
        Assert.Null(await session.SessionKeyAsync());
    }

    [Fact]
    public async Task Validation_errors_show_the_detail()
    {
        var app = await AppAsync();
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await Expect(session.Page.Locator("#results")).ToBeVisibleAsync();

        await session.Page.GetByLabel("Phone", new() { Exact = true }).FillAsync("not a number");
        await session.SearchAsync();

        await Expect(session.Message).ToContainTextAsync("Check the search");
        await Expect(session.Message).ToContainTextAsync("phone: is not a phone number;");
    }

    [Fact]
    public async Task Pages_forward_and_back_to_the_first()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-PAGED");
        JsonElement last = default;
        for (var i = 0; i < 3; i++)
        {
            last = await CreateRecordAsync(app, new { reference, customer = new { name = $"Customer {i}" } });
        }

        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await session.SearchDayAsync(DayOf(last), reference, pageSize: 2);
        await Expect(session.Rows).ToHaveCountAsync(2);

        var next = session.Page.GetByRole(AriaRole.Button, new() { Name = "Next page" });
        var first = session.Page.GetByRole(AriaRole.Button, new() { Name = "Back to first page" });
        await Expect(first).ToBeDisabledAsync();
        await next.ClickAsync();
        await Expect(session.Rows).ToHaveCountAsync(1);
        await Expect(session.Page.Locator("#page-number")).ToHaveTextAsync("Page 2");
        await Expect(next).ToBeDisabledAsync();

        await first.ClickAsync();
        await Expect(session.Rows).ToHaveCountAsync(2);
        await Expect(session.Page.Locator("#page-number")).ToHaveTextAsync("Page 1");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Export_downloads_the_csv_of_the_current_filters()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-XSS");
        var otherReference = MeetingCalls.UniqueReference("CASE-OTHER");
        var record = await SeedHostileAsync(app, reference);
        await app.CreateMeetingAsync(new { reference = otherReference });
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await session.SearchDayAsync(DayOf(record), reference);

        var download = await session.Page.RunAndWaitForDownloadAsync(
            () => session.Page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());

        Assert.Matches(@"^meetings-\d{8}-\d{6}\.csv$", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes);
        Assert.Contains(reference, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(otherReference, csv, StringComparison.Ordinal);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Copy_puts_the_guest_link_on_the_clipboard()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-COPY");
        var record = await SeedHostileAsync(app, reference);
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await session.SearchDayAsync(DayOf(record), reference);

        await session.RowWith(reference).GetByRole(AriaRole.Button, new() { Name = "Copy guest link" }).ClickAsync();

        await Expect(session.Page.Locator("#progress")).ToHaveTextAsync("guest link copied.");
        Assert.Equal(
            record.GetProperty("guestUrls")[0].GetString(),
            await session.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
    }

    [Fact]
    public async Task Every_link_the_meeting_had_shows_with_the_expired_ones_marked_and_copy_buttons_kept()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-LINKS");
        var yesterday = DateTimeOffset.UtcNow.AddDays(-2);
        var id = await TableRows.SeedMeetingAsync(Azurite, app.TableName, yesterday, reference);
        var renewed = await (await app.PostAsync($"/api/meetings/{id}/links", new { guests = 1, hosts = 1 })).ReadJsonAsync();
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await session.SearchDayAsync(DateOnly.FromDateTime(yesterday.UtcDateTime), reference);

        var links = session.RowWith(reference).Locator("td[data-col=links] li");
        await Expect(links).ToHaveCountAsync(4);
        var expired = links.Filter(new() { HasText = "expired" });
        await Expect(expired).ToHaveCountAsync(2);
        await Expect(expired.First.GetByRole(AriaRole.Button)).ToHaveTextAsync("Copy guest link 1");
        await Expect(links.Filter(new() { HasNotText = "expired" }).GetByRole(AriaRole.Button)).ToHaveTextAsync(["Copy guest link 2", "Copy host link 2"]);
        var renewedUntil = renewed.GetProperty("expiresAt").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("guest link, valid", await links.Nth(1).GetAttributeAsync("title"), StringComparison.Ordinal);
        Assert.Contains(renewedUntil, await links.Nth(1).GetAttributeAsync("title"), StringComparison.Ordinal);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_expert_column_shows_how_the_message_to_the_expert_went()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-EXPERT");
        var now = DateTimeOffset.UtcNow;
        await TableRows.SeedMeetingAsync(Azurite, app.TableName, now, reference, change: r => r with
        {
            Notifications =
            [
                new(IssuedLink.CreateBatch, new("email", "dr.ana@clinic.example"),
                    new MeetingLinks.Notifications.Delivery("failed", 1, now, LastError: "HTTP 404: Could not find a person with that email.")),
            ],
        });
        var plain = await app.CreateMeetingAsync(new { reference, customer = new { name = "No Expert" } });
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await session.SearchDayAsync(DateOnly.FromDateTime(now.UtcDateTime), reference);

        var expert = session.Rows.Filter(new() { HasNotText = "No Expert" }).Locator("td[data-col=expert]");
        await Expect(expert.Locator(".badge")).ToHaveTextAsync("failed");
        await Expect(expert).ToContainTextAsync("email d***@clinic.example");
        await Expect(expert).ToContainTextAsync("HTTP 404: Could not find a person with that email.");
        Assert.DoesNotContain("dr.ana", await expert.TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
        await Expect(session.RowWith("No Expert").Locator("td[data-col=expert]")).ToHaveTextAsync("no expert");
        Assert.NotNull(plain);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_expert_column_shows_the_experts_answer_and_what_the_flow_was_told()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-ANSWER");
        var now = DateTimeOffset.UtcNow;
        await TableRows.SeedMeetingAsync(Azurite, app.TableName, now, reference, change: r => r with
        {
            Notifications =
            [
                new(IssuedLink.CreateBatch, new("email", "dr.ana@clinic.example"), new MeetingLinks.Notifications.Delivery("sent", 1, now, MessageId: "msg-1")),
            ],
            ExpertResponse = new("joining", "person-ana", "Ana <b>Ruiz</b>", "msg-1", now),
            FlowDeliveries = [new("action-1", "expert.joining", now, new MeetingLinks.Notifications.Delivery("failed", 1, now, LastError: "HTTP 400: Invalid request"))],
        });
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await session.SearchDayAsync(DateOnly.FromDateTime(now.UtcDateTime), reference);

        var expert = session.RowWith(reference).Locator("td[data-col=expert]");
        await Expect(expert.Locator(".answer-joining")).ToHaveTextAsync("joining");
        await Expect(expert).ToContainTextAsync("Ana <b>Ruiz</b>");
        await Expect(expert.Locator(".flow-events")).ToContainTextAsync("expert.joining: failed");
        await Expect(expert.Locator(".flow-events")).ToContainTextAsync("HTTP 400: Invalid request");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_expert_column_shows_each_step_of_the_chain_in_order()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-CHAIN");
        var now = DateTimeOffset.UtcNow;
        MeetingLinks.Notifications.Delivery Sent(string messageId, DateTimeOffset at) => new("sent", 1, at, MessageId: messageId, SentAt: at);
        await TableRows.SeedMeetingAsync(Azurite, app.TableName, now.AddMinutes(-3), reference, change: r => r with
        {
            ExpertWait = TimeSpan.FromMinutes(2),
            Notifications =
            [
                new(IssuedLink.CreateBatch, new("email", "ana@clinic.example"), Sent("msg-1", now.AddMinutes(-3)), 0, "timedOut", EndedAt: now.AddMinutes(-1)),
                new(IssuedLink.CreateBatch, new("email", "ben@clinic.example"), Sent("msg-2", now.AddMinutes(-1)), 1, "joining", EndedAt: now),
                new(IssuedLink.CreateBatch, new("email", "carla@clinic.example"), MeetingLinks.Notifications.Delivery.Queued(now.AddMinutes(-3)), 2, "queued"),
            ],
            ExpertResponse = new("joining", "person-ben", "Ben Okafor", "msg-2", now),
        });
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await session.SearchDayAsync(DateOnly.FromDateTime(now.AddMinutes(-3).UtcDateTime), reference);

        var chain = session.RowWith(reference).Locator("td[data-col=expert] .expert-chain");
        await Expect(chain.Locator(".chain-wait")).ToHaveTextAsync("Asked in turn, 2 min each");
        await Expect(chain.Locator(".chain-wait")).ToHaveAttributeAsync("title", "answerWithin PT2M");
        var steps = chain.Locator(".chain-step");
        await Expect(steps.Locator(".badge")).ToHaveTextAsync(["timedOut", "joining", "queued"]);
        await Expect(steps.Locator(".chain-to")).ToHaveTextAsync(["email a***@clinic.example", "email b***@clinic.example", "email c***@clinic.example"]);
        await Expect(steps.Nth(0).Locator(".chain-sent time")).ToHaveAttributeAsync("datetime", ToIso(now.AddMinutes(-3)));
        await Expect(steps.Nth(0).Locator(".chain-ended time")).ToHaveAttributeAsync("datetime", ToIso(now.AddMinutes(-1)));
        await Expect(steps.Nth(1).Locator(".chain-ended time")).ToHaveAttributeAsync("datetime", ToIso(now));
        await Expect(steps.Nth(2).Locator(".chain-sent, .chain-ended")).ToHaveCountAsync(0);
        Assert.DoesNotContain("ana@", await chain.TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
        await session.ScreenshotIfAskedAsync("ops-page-chain.png");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Ops_find_the_visits_that_start_on_a_day_with_when_they_start_and_their_reminders()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-VISIT");
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(50 + Random.Shared.Next(200));
        var startsAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 30)), TimeSpan.Zero);
        await app.CreateMeetingAsync(new { reference, startsAt = startsAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), durationMinutes = 20, reminders = new[] { "P1D", "PT15M" } });
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.EnterKeyAsync(TestSecrets.OpsKey);

        await session.Page.GetByLabel("Period", new() { Exact = true }).SelectOptionAsync("starts");
        await session.Page.GetByLabel("Starts on", new() { Exact = true }).FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await session.Page.GetByLabel("Reference", new() { Exact = true }).FillAsync(reference);
        await session.SearchAsync();

        await Expect(session.RowWith(reference).Locator("td[data-col=created] .starts"))
            .ToHaveTextAsync($"Starts {day:yyyy-MM-dd} 09:30 UTC, 20 min; reminders P1D planned, PT15M planned");
        Assert.Empty(session.Errors);
    }

    /// <summary>A time as the page writes it in a datetime attribute: JavaScript's toISOString, to the millisecond.</summary>
    private static string ToIso(DateTimeOffset at)
        => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_meeting_is_erased_from_the_page_only_after_a_confirmation()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-ERASE");
        var record = await CreateRecordAsync(app, new { reference, customer = new { phone = Phone, name = "Erase Me" } });
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await session.SearchDayAsync(DayOf(record), reference);
        var row = session.RowWith(reference);

        await row.GetByRole(AriaRole.Button, new() { Name = "Erase…" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Keep" }).ClickAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.GetAsync($"/api/meetings/{IdOf(record)}")).StatusCode);
        await row.GetByRole(AriaRole.Button, new() { Name = "Erase…" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Erase for good" }).ClickAsync();

        await Expect(session.Page.Locator("#progress")).ToHaveTextAsync($"Meeting {IdOf(record)} erased.");
        await Expect(session.Rows).ToHaveCountAsync(0);
        await (await app.GetAsync($"/api/meetings/{IdOf(record)}")).AssertProblemAsync(404, "not_found");
        Assert.Empty(session.Dialogs);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task At_phone_width_the_record_is_a_card_without_sideways_scrolling()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-NARROW");
        var record = await SeedHostileAsync(app, reference);
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app, width: 375, height: 800);
        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await session.SearchDayAsync(DayOf(record), reference);

        var row = session.RowWith(reference);
        await Expect(row).ToBeVisibleAsync();
        await row.ScrollIntoViewIfNeededAsync();
        await Expect(row.Locator("td[data-col=customer] .customer-name")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(row.Locator("td[data-col=phone] .phone")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Copy guest link" })).ToBeVisibleAsync();
        Assert.True(
            await session.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways at 375 px");
        await session.ScreenshotIfAskedAsync("ops-page-375.png");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Several_records_show_with_their_events()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("CASE-2041");
        var record = await SeedHostileAsync(app, reference);
        await app.ReportEventAsync(IdOf(record), new { type = "sent", channel = "whatsapp" });
        await app.CreateMeetingAsync(new { reference, customer = new { phone = "+447700900123", name = "Ana Pereira", channel = "sms" }, guests = 2 });
        await using var session = await OpsPageSession.OpenAsync(chromium.Browser, app);
        await session.EnterKeyAsync(TestSecrets.OpsKey);
        await session.SearchDayAsync(DayOf(record), reference);

        await Expect(session.Rows).ToHaveCountAsync(2);
        await Expect(session.Rows.First).ToContainTextAsync("Ana Pereira");
        var other = session.RowWith("Ana Pereira");
        await Expect(other.GetByRole(AriaRole.Button, new() { Name = "Copy guest link 2" })).ToBeVisibleAsync();
        await Expect(other.Locator("td[data-col=status]")).ToContainTextAsync("no events yet");
        var hostile = session.Rows.Last;
        await hostile.Locator("summary").ClickAsync();
        await Expect(hostile.Locator(".events li")).ToContainTextAsync("sent · whatsapp · from flow");

        await session.ScreenshotIfAskedAsync("ops-page-desktop.png");
        Assert.Empty(session.Errors);
    }
}
