using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Meetings.Visits;
using MeetingLinks.Notifications;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Visits;

/// <summary>Visits booked ahead on the real worker: the window the broker is asked for, what is planned, a reminder at its time or missed.</summary>
public sealed class VisitApiTests(AzuriteFixture azurite, ITestOutputHelper output) : VisitSuite(azurite, output)
{

    [Fact]
    public async Task A_visit_two_hours_ahead_asks_the_broker_for_its_window_and_plans_its_reminders_and_its_expert()
    {
        var (app, broker, _) = await StartAsync();
        var startsAt = WholeSecond(DateTimeOffset.UtcNow.AddHours(2));

        var created = await BookAsync(app, startsAt, durationMinutes: 20, ["PT1H", "PT15M"], expert: "ana@clinic.example");

        var jwt = JsonDocument.Parse(Assert.Single(RequestsFor(broker, created)).Body).RootElement.GetProperty("jwt");
        Assert.Equal((startsAt.AddMinutes(-15).ToUnixTimeSeconds(), startsAt.AddMinutes(20 + 60).ToUnixTimeSeconds()),
            (jwt.GetProperty("nbf").GetInt64(), jwt.GetProperty("exp").GetInt64()));
        Assert.Equal((startsAt, 20), (created.GetProperty("startsAt").GetDateTimeOffset(), created.GetProperty("durationMinutes").GetInt32()));
        Assert.Equal(startsAt.AddMinutes(-15), created.GetProperty("validFrom").GetDateTimeOffset());

        var record = await app.ReadRecordAsync(created.GetProperty("meetingId").GetString()!);
        Assert.Equal([("PT1H", startsAt.AddHours(-1), "planned"), ("PT15M", startsAt.AddMinutes(-15), "planned")],
            record.GetProperty("reminders").EnumerateArray().Select(r => (r.GetProperty("before").GetString(), r.GetProperty("dueAt").GetDateTimeOffset(), r.GetProperty("status").GetString())));
        // The expert is asked 15 minutes before the start, not now.
        Assert.Equal("queued", record.GetProperty("expertChain")[0].GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("expertNotification").ValueKind);
    }

    [Fact]
    public async Task A_reminder_reaches_the_flow_at_its_time_once_and_one_already_past_is_skipped()
    {
        var (app, _, connect) = await StartAsync();
        // The PT1M reminder is due 7 s after booking: time enough for a create on a busy machine, little to wait.
        var startsAt = WholeSecond(DateTimeOffset.UtcNow.AddSeconds(67));

        var created = await BookAsync(app, startsAt, durationMinutes: null, ["PT1M", "PT15M"], expert: null);
        var meetingId = created.GetProperty("meetingId").GetString()!;
        Assert.Equal("planned", (await app.ReadRecordAsync(meetingId)).GetProperty("reminders")[0].GetProperty("status").GetString());

        var reminded = await UntilAsync(app, meetingId, r => r.GetProperty("flowEvents") is { ValueKind: JsonValueKind.Array } e && e.GetArrayLength() == 1
            && e[0].GetProperty("status").GetString() == "sent");
        var body = Assert.Single(connect.For(meetingId).Delivered);
        Assert.Equal(("visit.reminder", "PT1M"), (body["event"]!.GetValue<string>(), body["remindBefore"]!.GetValue<string>()));
        Assert.Equal(startsAt, DateTimeOffset.Parse(body["startsAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(created.GetProperty("guestUrl").GetString(), body["guestUrl"]!.GetValue<string>());
        var reminders = reminded.GetProperty("reminders");
        Assert.Equal([("PT1M", "sent"), ("PT15M", "skipped")],
            reminders.EnumerateArray().Select(r => (r.GetProperty("before").GetString(), r.GetProperty("status").GetString())));

        // The same timer surfacing again (a queue delivers at least once) sends nothing more.
        var queue = new QueueClient(app.Host.Settings["AzureWebJobsStorage"], NotificationQueueFunctions.QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.SendMessageAsync(new NotificationMessage(meetingId, "reminder", "PT1M", reminders[0].GetProperty("dueAt").GetDateTimeOffset()).ToJson());
        await Eventually.UntilAsync(() => Task.FromResult(app.LogText.Split('\n').Any(line => line.Contains($"Meeting {meetingId}: reminder PT1M due at", StringComparison.Ordinal)
            && line.Contains("is no longer planned; nothing to do", StringComparison.Ordinal))), Bound, "the repeated timer to surface");
        Assert.Single(connect.For(meetingId).Requests);
    }

    [Fact]
    public async Task A_reminder_whose_timer_surfaces_more_than_the_grace_late_is_recorded_missed_and_not_sent()
    {
        var (app, _, connect) = await StartAsync();
        var created = await BookAsync(app, WholeSecond(DateTimeOffset.UtcNow.AddHours(2)), durationMinutes: null, ["PT1H"], expert: null);
        var meetingId = created.GetProperty("meetingId").GetString()!;

        // As if the service had been down: the visit starts in 50 minutes, so its PT1H reminder was due 10 minutes ago and
        // its timer surfaces only now. The record is written through the app's own store.
        var startsAt = WholeSecond(DateTimeOffset.UtcNow.AddMinutes(50));
        var store = new TableMeetingStore(new TableClient(Azurite.ConnectionString, app.TableName), TimeProvider.System, NullLogger<TableMeetingStore>.Instance);
        await store.ChangeAsync(meetingId, r => r with
        {
            StartsAt = startsAt,
            VisitReminders = [new VisitReminder(TimeSpan.FromHours(1), startsAt.AddHours(-1), VisitReminder.Planned)],
        }, CancellationToken.None);
        var queue = new QueueClient(app.Host.Settings["AzureWebJobsStorage"], NotificationQueueFunctions.QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.SendMessageAsync(new NotificationMessage(meetingId, VisitReminders.KindName, "PT1H", startsAt.AddHours(-1)).ToJson());

        var missed = await UntilAsync(app, meetingId, r => r.GetProperty("reminders")[0].GetProperty("status").GetString() != "planned");

        Assert.Equal("missed", missed.GetProperty("reminders")[0].GetProperty("status").GetString());
        Assert.Equal(0, missed.GetProperty("flowEvents").GetArrayLength());
        Assert.Empty(connect.For(meetingId).Requests);
    }

    [Fact]
    public async Task The_visits_of_a_start_day_are_listed_in_the_order_they_start_and_leave_it_when_moved_or_erased()
    {
        var (app, _, _) = await StartAsync();
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40);
        DateTimeOffset At(DateOnly on, int hour) => new(on.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
        var late = await IdAsync(BookAsync(app, At(day, 10), 30, [], expert: null));
        var early = await IdAsync(BookAsync(app, At(day, 9), 30, [], expert: null));
        var nextDay = await IdAsync(BookAsync(app, At(day.AddDays(1), 8), 30, [], expert: null));

        Assert.Equal([early, late], await StartingOnAsync(app, day));

        var moved = new { startsAt = At(day.AddDays(1), 11).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) };
        await (await app.PostAsync($"/api/meetings/{late}/reschedule", moved)).ReadJsonAsync();
        Assert.Equal([early], await StartingOnAsync(app, day));
        Assert.Equal([nextDay, late], await StartingOnAsync(app, day.AddDays(1)));

        await app.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/meetings/{early}"), TestSecrets.OpsKey);
        Assert.Empty(await StartingOnAsync(app, day));
        Assert.Equal(0, await TableRows.StartRowsAsync(Azurite, app.TableName, day));
        await (await app.GetAsync($"/api/meetings?startsOn={day:yyyy-MM-dd}&day={day:yyyy-MM-dd}")).AssertProblemAsync(400, "invalid_query");
    }

    private static async Task<string> IdAsync(Task<JsonElement> created) => (await created).GetProperty("meetingId").GetString()!;

    private static async Task<List<string>> StartingOnAsync(AppHost app, DateOnly day)
        => [.. (await (await app.GetAsync($"/api/meetings?startsOn={day:yyyy-MM-dd}")).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("meetingId").GetString()!)];
}
