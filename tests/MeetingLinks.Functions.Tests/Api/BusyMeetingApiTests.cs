using System.Net;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using MeetingLinks.Tests.Receipts;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Api;

/// <summary>
/// A busy conversation, as Webex Connect makes one: a receipt for every stage of every message within the same
/// moment, the flow adding links and reporting events in between. Every call is answered 2xx and everything is kept.
/// </summary>
public sealed class BusyMeetingApiTests(AzuriteFixture azurite, ITestOutputHelper output) : HostSuite(azurite, output)
{
    private static readonly (string Status, string Code)[] Stages = [("Submitted", "7501"), ("Delivered", "7500"), ("Read", "7502")];

    [Fact]
    public async Task Thirty_six_writers_at_once_on_one_meeting_all_get_2xx_and_every_event_and_link_is_kept()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync(new { reference = MeetingCalls.UniqueReference("BUSY") });
        var receipts = Enumerable.Range(0, 8).SelectMany(message => Stages.Select(stage =>
            app.PostReceiptAsync(ReceiptSamples.WhatsApp(id, stage.Status, stage.Code, transId: $"wa-busy-{message}"))));
        var links = Enumerable.Range(0, 6).Select(call =>
            app.PostAsync($"/api/meetings/{id}/links", new { guests = 1 }, idempotencyKey: $"busy-links-{call}-{Guid.NewGuid()}"));
        var events = Enumerable.Range(0, 6).Select(report =>
            app.PostAsync($"/api/meetings/{id}/events", new { type = "sent", channel = "whatsapp", detail = $"busy report {report}" }));

        var answers = await Task.WhenAll(receipts.Concat(links).Concat(events));

        Assert.All(answers, answer => Assert.True(answer.IsSuccessStatusCode, $"{answer.RequestMessage?.RequestUri}: {(int)answer.StatusCode}"));
        var record = await app.ReadRecordAsync(id);
        Assert.Equal(24 + 6, record.GetProperty("events").GetArrayLength());
        Assert.Equal(2 + 6, record.GetProperty("links").GetArrayLength());
        Assert.Equal("read", record.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Receipts_at_once_through_two_workers_on_one_table_are_all_answered_2xx_and_kept()
    {
        var (one, two) = (await AppAsync(), await DefaultTwinAsync());
        var id = await one.CreateMeetingAsync(new { reference = MeetingCalls.UniqueReference("TWIN") });
        var receipts = Enumerable.Range(0, 4).SelectMany(message => Stages.Select(stage =>
            (message % 2 == 0 ? one : two).PostReceiptAsync(ReceiptSamples.WhatsApp(id, stage.Status, stage.Code, transId: $"wa-twin-{message}"))));
        var retried = Stages.Select(stage => two.PostReceiptAsync(ReceiptSamples.WhatsApp(id, stage.Status, stage.Code, transId: "wa-twin-0")));

        var answers = await Task.WhenAll(receipts.Concat(retried));

        Assert.All(answers, answer => Assert.True(answer.IsSuccessStatusCode, $"{(int)answer.StatusCode}"));
        var record = await two.ReadRecordAsync(id);
        Assert.Equal(12, record.GetProperty("events").GetArrayLength());
        Assert.Equal("read", record.GetProperty("status").GetString());
    }
}
