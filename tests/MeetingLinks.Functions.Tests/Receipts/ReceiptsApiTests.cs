using System.Net;
using MeetingLinks.Receipts;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Receipts;

/// <summary><c>/api/receipts</c> end to end: receipts in, the meeting's status and events out.</summary>
public sealed class ReceiptsApiTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    [Fact]
    public async Task Signed_receipt_is_recorded_and_moves_the_status()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync();

        var response = await app.PostReceiptAsync(ReceiptSamples.WhatsApp(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadJsonAsync();
        Assert.Equal(id, answer.GetProperty("meetingId").GetString());
        Assert.Equal("delivered", answer.GetProperty("event").GetString());
        Assert.Equal("recorded", answer.GetProperty("outcome").GetString());
        var record = await app.ReadRecordAsync(id);
        Assert.Equal("delivered", record.GetProperty("status").GetString());
        var recorded = Assert.Single(record.GetProperty("events").EnumerateArray());
        Assert.Equal("delivered", recorded.GetProperty("type").GetString());
        Assert.Equal("whatsapp", recorded.GetProperty("channel").GetString());
        Assert.Equal("7500", recorded.GetProperty("code").GetString());
        Assert.Equal("receipt", recorded.GetProperty("source").GetString());
        Assert.Equal("wa-8f14e45f-ceea-467f", recorded.GetProperty("messageId").GetString());
        Assert.Equal(new DateTimeOffset(2021, 2, 4, 7, 7, 5, 378, TimeSpan.Zero), recorded.GetProperty("occurredAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("Submitted", "7501", "sent")]
    [InlineData("Delivered", "7500", "delivered")]
    [InlineData("Read", "7502", "read")]
    [InlineData("Un-Delivered", "7505", "failed")]
    public async Task Each_status_becomes_its_event(string deliveryStatus, string code, string expected)
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync();

        var answer = await (await app.PostReceiptAsync(ReceiptSamples.WhatsApp(id, deliveryStatus, code))).ReadJsonAsync();

        Assert.Equal(expected, answer.GetProperty("event").GetString());
        var record = await app.ReadRecordAsync(id);
        Assert.Equal(expected, record.GetProperty("status").GetString());
        Assert.Equal(expected, Assert.Single(record.GetProperty("events").EnumerateArray()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Failure_text_and_sms_receipts_are_kept()
    {
        var app = await AppAsync();
        var failedId = await app.CreateMeetingAsync();
        var smsId = await app.CreateMeetingAsync();

        Assert.Equal(HttpStatusCode.OK, (await app.PostReceiptAsync(ReceiptSamples.WhatsAppFailed(failedId))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostReceiptAsync(ReceiptSamples.SmsDelivered("connect-corr-1", smsId))).StatusCode);

        var failed = (await app.ReadRecordAsync(failedId)).GetProperty("events")[0];
        Assert.Equal("(#131026) Message undeliverable: receiver is incapable of receiving this message", failed.GetProperty("detail").GetString());
        var sms = await app.ReadRecordAsync(smsId);
        Assert.Equal("delivered", sms.GetProperty("status").GetString());
        Assert.Equal("sms", sms.GetProperty("events")[0].GetProperty("channel").GetString());
        Assert.Equal("Delivered to handset", sms.GetProperty("events")[0].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_late_submitted_after_read_leaves_the_status_read()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync();

        await app.PostReceiptAsync(ReceiptSamples.WhatsAppReadFlat(id));
        var late = await app.PostReceiptAsync(ReceiptSamples.WhatsApp(id, "Submitted", "7501"));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var record = await app.ReadRecordAsync(id);
        Assert.Equal("read", record.GetProperty("status").GetString());
        Assert.Equal(["read", "sent"], record.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task The_same_receipt_twice_is_one_event()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync();

        var first = await (await app.PostReceiptAsync(ReceiptSamples.WhatsApp(id))).ReadJsonAsync();
        var again = await app.PostReceiptAsync(ReceiptSamples.WhatsApp(id));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("recorded", first.GetProperty("outcome").GetString());
        Assert.Equal("duplicate", (await again.ReadJsonAsync()).GetProperty("outcome").GetString());
        Assert.Single((await app.ReadRecordAsync(id)).GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Unknown_meeting_is_404_and_unusable_receipts_are_400()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync();

        await (await app.PostReceiptAsync(ReceiptSamples.WhatsApp("20261125-51299877-aaaaaaaa"))).AssertProblemAsync(404, "not_found");
        await (await app.PostReceiptAsync("""{"deliveryInfoNotification": {"deliveryInfo": """)).AssertProblemAsync(400, "invalid_receipt");
        var noId = await (await app.PostReceiptAsync(ReceiptSamples.WhatsApp("connect-corr-1"))).AssertProblemAsync(400, "invalid_receipt");
        var unknown = await (await app.PostReceiptAsync(ReceiptSamples.WhatsApp(id, "Queued"))).AssertProblemAsync(400, "invalid_receipt");

        Assert.Contains("Correlation ID", noId.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Queued", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await app.ReadRecordAsync(id)).GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Head_and_an_empty_test_call_answer_200_without_credentials()
    {
        var app = await AppAsync();

        var headResponse = await app.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/receipts"), key: null);
        var empty = await app.PostReceiptAsync("", signature: null);
        var braces = await app.PostReceiptAsync("{ }", signature: null);

        Assert.Equal(HttpStatusCode.OK, headResponse.StatusCode);
        Assert.Empty(await headResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal("""{"outcome":"ok"}""", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, braces.StatusCode);
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync();
        var padded = ReceiptSamples.WhatsApp(id).Replace("ref=CASE-123", new string('x', ReceiptsOptions.MaxBodyBytes), StringComparison.Ordinal);

        await (await app.PostReceiptAsync(padded)).AssertProblemAsync(413, "payload_too_large");
        Assert.Empty((await app.ReadRecordAsync(id)).GetProperty("events").EnumerateArray());
    }
}
