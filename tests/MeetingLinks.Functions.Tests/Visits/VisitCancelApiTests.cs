using System.Text.Json;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Visits;

/// <summary>Cancelling a visit on the real worker, beside the other visit tests (its reminder's timer takes seconds to surface).</summary>
public sealed class VisitCancelApiTests(AzuriteFixture azurite, ITestOutputHelper output) : VisitSuite(azurite, output)
{
    [Fact]
    public async Task A_cancelled_visit_tells_the_flow_once_drops_its_reminders_takes_no_more_links_and_its_timers_do_nothing()
    {
        var (app, _, connect) = await StartAsync();
        // Its PT1M reminder is due 7 s after booking; the visit is cancelled at once.
        var startsAt = WholeSecond(DateTimeOffset.UtcNow.AddSeconds(67));
        var meetingId = (await BookAsync(app, startsAt, durationMinutes: 20, ["PT1M"], expert: null)).GetProperty("meetingId").GetString()!;

        var first = await (await app.PostAsync($"/api/meetings/{meetingId}/cancel", new { reason = "The customer rebooked by phone" })).ReadJsonAsync();
        var again = await (await app.PostAsync($"/api/meetings/{meetingId}/cancel", "{}")).ReadJsonAsync();

        Assert.Equal(("cancelled", false, "The customer rebooked by phone"),
            (first.GetProperty("status").GetString(), first.GetProperty("replayed").GetBoolean(), first.GetProperty("reason").GetString()));
        Assert.Equal((true, first.GetProperty("cancelledAt").GetString()), (again.GetProperty("replayed").GetBoolean(), again.GetProperty("cancelledAt").GetString()));
        var record = await UntilAsync(app, meetingId, r => r.GetProperty("flowEvents") is { ValueKind: JsonValueKind.Array } e && e.GetArrayLength() == 1
            && e[0].GetProperty("status").GetString() == "sent");
        Assert.Equal(("cancelled", "dropped"), (record.GetProperty("status").GetString(), record.GetProperty("reminders")[0].GetProperty("status").GetString()));
        var body = Assert.Single(connect.For(meetingId).Delivered);
        Assert.Equal("visit.cancelled", body["event"]!.GetValue<string>());

        await (await app.PostAsync($"/api/meetings/{meetingId}/links", "{}")).AssertProblemAsync(409, "meeting_cancelled");
        await (await app.PostAsync($"/api/meetings/{meetingId}/cancel", new { reason = new string('x', 201) })).AssertProblemAsync(400, "invalid_request");

        // The reminder's timer, put on the queue with the booking, surfaces at its time and sends nothing.
        await Eventually.UntilAsync(() => Task.FromResult(app.LogText.Split('\n').Any(line => line.Contains($"Meeting {meetingId}: reminder PT1M due at", StringComparison.Ordinal)
            && line.Contains("is no longer planned; nothing to do", StringComparison.Ordinal))), Bound, "the dropped reminder's timer to surface");
        Assert.Single(connect.For(meetingId).Requests);
    }
}
