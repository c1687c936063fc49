using System.Text;
using MeetingLinks.Receipts;

namespace MeetingLinks.Tests.Receipts;

public class DeliveryReceiptParserTests
{
    private const string MeetingId = "20261125-51299877-k3j7xq2a";

    private static DeliveryReceipt Parse(string body)
    {
        var reading = DeliveryReceiptParser.Read(Encoding.UTF8.GetBytes(body));
        Assert.True(reading.Succeeded, reading.Failure?.Detail);
        return reading.Value;
    }

    private static string Unreadable(string body)
    {
        var reading = DeliveryReceiptParser.Read(Encoding.UTF8.GetBytes(body));
        Assert.Null(reading.Value);
        Assert.Equal("invalid_receipt", reading.Failure!.Code);
        return reading.Failure.Detail;
    }

    [Fact]
    public void WhatsApp_delivered_reads_every_field()
    {
        var receipt = Parse(ReceiptSamples.WhatsApp(MeetingId));

        Assert.Equal("Delivered", receipt.DeliveryStatus);
        Assert.Equal("7500", receipt.Code);
        Assert.Equal("whatsapp", receipt.Channel);
        Assert.Equal("2021-02-04T12:37:05.378+05:30", receipt.TimeStamp);
        Assert.Equal(ReceiptSamples.WhatsAppNumber, receipt.Destination);
        Assert.Equal("Delivered", receipt.Description);
        Assert.Equal("wa-8f14e45f-ceea-467f", receipt.TransId);
        Assert.Equal(MeetingId, receipt.CorrelationId);
        Assert.Equal("ref=CASE-123", receipt.CallbackData);
    }

    [Fact]
    public void Submitted_and_read_with_numeric_code_trailing_commas_and_ids_at_the_top_level()
    {
        var submitted = Parse(ReceiptSamples.WhatsApp(MeetingId, "Submitted", "7501"));
        var read = Parse(ReceiptSamples.WhatsAppReadFlat(MeetingId));

        Assert.Equal(("Submitted", "7501"), (submitted.DeliveryStatus, submitted.Code));
        Assert.Equal(("Read", "7502", "WhatsApp"), (read.DeliveryStatus, read.Code, read.Channel));
        Assert.Equal(MeetingId, read.CorrelationId);
        Assert.Equal("wa-8f14e45f-ceea-467f", read.TransId);
    }

    [Fact]
    public void Failed_keeps_the_error_text()
    {
        var receipt = Parse(ReceiptSamples.WhatsAppFailed(MeetingId));

        Assert.Equal("Failed", receipt.DeliveryStatus);
        Assert.Equal("(#131026) Message undeliverable:\nreceiver is incapable of receiving this message", receipt.AdditionalInfo);
    }

    [Fact]
    public void Sms_delivered_with_carrier_and_capitalised_description()
    {
        var receipt = Parse(ReceiptSamples.SmsDelivered(MeetingId));

        Assert.Equal("SMS", receipt.Channel);
        Assert.Equal("Delivered to handset", receipt.Description);
        Assert.Equal("Example Mobile", receipt.Carrier);
        Assert.Equal("1", receipt.SubTid);
        Assert.Equal("+" + ReceiptSamples.WhatsAppNumber, receipt.Destination);
        Assert.Null(receipt.CallbackData);
    }

    [Fact]
    public void Keys_in_any_case_comments_and_a_byte_order_mark_are_read()
    {
        var receipt = Parse("\uFEFF" + """
            // as pasted from the documentation
            { "DELIVERYINFONOTIFICATION": { "deliveryinfo": { "DeliveryStatus": "Un-Delivered", "CODE": 7503, },
              "CorrelationId": "abc", /* echoed */ "CALLBACKDATA": {"meetingId": "x"} } }
            """);

        Assert.Equal("Un-Delivered", receipt.DeliveryStatus);
        Assert.Equal("7503", receipt.Code);
        Assert.Equal("abc", receipt.CorrelationId);
        Assert.Equal("""{"meetingId": "x"}""", receipt.CallbackData);
    }

    [Fact]
    public void A_flat_body_without_the_envelope_is_read()
    {
        var receipt = Parse("""{"deliveryInfo":[{"deliveryStatus":"Delivered"}],"transid":"t-1","correlationid":"c"}""");

        Assert.Equal(("Delivered", "t-1", "c"), (receipt.DeliveryStatus, receipt.TransId, receipt.CorrelationId));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"deliveryInfoNotification\": {")]
    [InlineData("[1, 2]")]
    [InlineData("\"Delivered\"")]
    public void Unreadable_bodies_say_so(string body)
    {
        Assert.Contains("JSON", Unreadable(body), StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_without_status_or_code_is_not_a_receipt()
    {
        Assert.Contains("deliveryStatus", Unreadable("""{"deliveryInfoNotification":{"deliveryInfo":{"destination":"1555"}}}"""), StringComparison.Ordinal);
        Assert.Contains("deliveryStatus", Unreadable("{}"), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_unreadable()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"deliveryStatus":"Delivered","transid":"ab"}""");
        bytes[^3] = 0xC3;

        Assert.Null(DeliveryReceiptParser.Read(bytes).Value);
    }
}
