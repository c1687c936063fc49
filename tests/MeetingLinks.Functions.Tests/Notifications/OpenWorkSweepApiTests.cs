using Azure.Data.Tables;
using MeetingLinks.Connect;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Notifications;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Notifications;

/// <summary>
/// The sweep of open work on the real worker: a crash between a record's change and its queue put, made by writing the
/// change through the app's own store and skipping the put. The app sweeps work open for any time at all
/// (<c>Notifications__SweepAfter</c> = 0), and its sweep runs when the test says, as its schedule would run it.
/// </summary>
public sealed class OpenWorkSweepApiTests(AzuriteFixture azurite, ITestOutputHelper output) : HostSuite(azurite, output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);
    private static readonly Lazy<Task<FakeConnect>> SharedConnect = new(FakeConnect.StartAsync);

    [Fact]
    public async Task An_event_a_crash_kept_from_the_queue_is_sent_once_by_the_sweep()
    {
        var connect = await SharedConnect.Value;
        var app = await SharedAppAsync("sweep-now", new Dictionary<string, string?>
        {
            ["Notifications:SweepAfter"] = "00:00:00",
            ["Connect:EventsUrl"] = connect.EventsUrl.ToString(),
            ["Connect:ServiceKey"] = TestSecrets.ConnectServiceKey,
        });
        var meetingId = (await (await app.PostAsync("/api/meetings", new { reference = "SWEEP-1" })).ReadJsonAsync()).GetProperty("meetingId").GetString()!;

        // The record is written with an event for the flow, and the process dies before putting it on the queue.
        var store = new TableMeetingStore(new TableClient(Azurite.ConnectionString, app.TableName), TimeProvider.System, NullLogger<TableMeetingStore>.Instance);
        await store.ChangeAsync(meetingId, r => r with
        {
            FlowDeliveries = [new FlowEvent("crashed-1", FlowEvent.Joining, DateTimeOffset.UtcNow, Delivery.Queued(DateTimeOffset.UtcNow))],
        }, CancellationToken.None);
        Assert.Equal("pending", (await app.ReadRecordAsync(meetingId)).GetProperty("flowEvents")[0].GetProperty("status").GetString());

        // The sweep runs every minute; here twice at once, then again once the event is sent.
        Assert.True(await app.RunTimerAsync("SweepOpenWork"));
        Assert.True(await app.RunTimerAsync("SweepOpenWork"));
        await Eventually.UntilAsync(
            async () => (await app.ReadRecordAsync(meetingId)).GetProperty("flowEvents")[0].GetProperty("status").GetString() == "sent", Bound, "the event to be sent");
        Assert.True(await app.RunTimerAsync("SweepOpenWork"));

        var sent = Assert.Single(connect.For(meetingId).Delivered);
        Assert.Equal(("crashed-1", "expert.joining"), (sent["eventId"]!.GetValue<string>(), sent["event"]!.GetValue<string>()));
        var open = await store.FindOpenWorkAsync(DateTimeOffset.UtcNow.AddMinutes(1), OpenWorkSweep.MaxItems, CancellationToken.None);
        Assert.DoesNotContain(open, w => w.MeetingId == meetingId);
        Assert.Contains($"flow crashed-1 for meeting {meetingId} has been open since before", app.LogText, StringComparison.Ordinal);
    }
}
