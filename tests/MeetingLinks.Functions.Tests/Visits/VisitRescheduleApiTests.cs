using System.Text.Json;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Visits;

/// <summary>Moving a visit on the real worker (its old reminder's timer takes seconds to surface).</summary>
public sealed class VisitRescheduleApiTests(AzuriteFixture azurite, ITestOutputHelper output) : VisitSuite(azurite, output)
{
    [Fact]
    public async Task A_moved_visit_gets_links_for_its_new_window_is_reminded_at_its_new_time_only_and_the_flow_hears_it()
    {
        var (app, broker, connect) = await StartAsync();
        // Its PT1M reminder is due 7 s after booking; the visit moves two hours ahead at once.
        var created = await BookAsync(app, WholeSecond(DateTimeOffset.UtcNow.AddSeconds(67)), durationMinutes: null, ["PT1M"], expert: null);
        var meetingId = created.GetProperty("meetingId").GetString()!;
        var newStart = WholeSecond(DateTimeOffset.UtcNow.AddHours(2));
        var key = $"move-{Guid.NewGuid():N}";
        var body = new { startsAt = newStart.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), durationMinutes = 45, reminders = new[] { "PT1H" } };

        var moved = await (await app.PostAsync($"/api/meetings/{meetingId}/reschedule", body, idempotencyKey: key)).ReadJsonAsync();
        var replayed = await (await app.PostAsync($"/api/meetings/{meetingId}/reschedule", body, idempotencyKey: key)).ReadJsonAsync();

        Assert.Equal((newStart, 45, false), (moved.GetProperty("startsAt").GetDateTimeOffset(), moved.GetProperty("durationMinutes").GetInt32(), moved.GetProperty("replayed").GetBoolean()));
        Assert.Equal((created.GetProperty("sub").GetString(), newStart.AddMinutes(-15), newStart.AddMinutes(45 + 60)),
            (moved.GetProperty("sub").GetString(), moved.GetProperty("validFrom").GetDateTimeOffset(), moved.GetProperty("expiresAt").GetDateTimeOffset()));
        Assert.NotEqual(created.GetProperty("guestUrl").GetString(), moved.GetProperty("guestUrl").GetString());
        Assert.Equal((moved.GetProperty("guestUrl").GetString(), true), (replayed.GetProperty("guestUrl").GetString(), replayed.GetProperty("replayed").GetBoolean()));
        Assert.Equal(2, RequestsFor(broker, created).Count);
        var jwt = JsonDocument.Parse(RequestsFor(broker, created).Last().Body).RootElement.GetProperty("jwt");
        Assert.Equal((created.GetProperty("sub").GetString(), newStart.AddMinutes(-15).ToUnixTimeSeconds(), newStart.AddMinutes(105).ToUnixTimeSeconds()),
            (jwt.GetProperty("sub").GetString(), jwt.GetProperty("nbf").GetInt64(), jwt.GetProperty("exp").GetInt64()));

        var record = await UntilAsync(app, meetingId, r => r.GetProperty("flowEvents") is { ValueKind: JsonValueKind.Array } e && e.GetArrayLength() == 1
            && e[0].GetProperty("status").GetString() == "sent");
        Assert.Equal([("PT1H", newStart.AddHours(-1), "planned")],
            record.GetProperty("reminders").EnumerateArray().Select(r => (r.GetProperty("before").GetString(), r.GetProperty("dueAt").GetDateTimeOffset(), r.GetProperty("status").GetString())));
        var heard = Assert.Single(connect.For(meetingId).Delivered);
        Assert.Equal(("visit.rescheduled", moved.GetProperty("guestUrl").GetString()), (heard["event"]!.GetValue<string>(), heard["guestUrl"]!.GetValue<string>()));
        Assert.Equal(newStart, DateTimeOffset.Parse(heard["startsAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        // The old reminder's timer surfaces at its old time and sends nothing.
        await Eventually.UntilAsync(() => Task.FromResult(app.LogText.Split('\n').Any(line => line.Contains($"Meeting {meetingId}: reminder PT1M due at", StringComparison.Ordinal)
            && line.Contains("is no longer planned; nothing to do", StringComparison.Ordinal))), Bound, "the old reminder's timer to surface");
        Assert.Single(connect.For(meetingId).Requests);

        // A cancelled visit does not move.
        await app.PostAsync($"/api/meetings/{meetingId}/cancel", "{}");
        await (await app.PostAsync($"/api/meetings/{meetingId}/reschedule", body)).AssertProblemAsync(409, "meeting_cancelled");
        await (await app.PostAsync($"/api/meetings/{meetingId}/reschedule", "{}")).AssertProblemAsync(400, "invalid_request");
    }
}
