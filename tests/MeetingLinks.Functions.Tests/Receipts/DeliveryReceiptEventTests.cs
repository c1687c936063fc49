using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Events;
using MeetingLinks.Receipts;

namespace MeetingLinks.Tests.Receipts;

public class DeliveryReceiptEventTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Submitted", MeetingStatus.Sent)]
    [InlineData("sent", MeetingStatus.Sent)]
    [InlineData("DELIVERED", MeetingStatus.Delivered)]
    [InlineData("Read", MeetingStatus.Read)]
    [InlineData("seen", MeetingStatus.Read)]
    [InlineData("Failed", MeetingStatus.Failed)]
    [InlineData("Un-Delivered", MeetingStatus.Failed)]
    [InlineData("Un Delivered", MeetingStatus.Failed)]
    [InlineData("undelivered", MeetingStatus.Failed)]
    [InlineData("Rejected", MeetingStatus.Failed)]
    [InlineData(" Expired ", MeetingStatus.Failed)]
    public void Statuses_map_to_event_types(string status, string expected)
    {
        Assert.Equal(expected, new DeliveryReceipt { DeliveryStatus = status, Code = "9999" }.EventType().Value);
    }

    [Theory]
    [InlineData("7501", MeetingStatus.Sent)]
    [InlineData("7500", MeetingStatus.Delivered)]
    [InlineData(" 7502 ", MeetingStatus.Read)]
    public void Without_a_status_the_code_decides(string code, string expected)
    {
        Assert.Equal(expected, new DeliveryReceipt { Code = code }.EventType().Value);
    }

    [Fact]
    public void Unknown_status_or_code_is_named_in_the_error()
    {
        var status = new DeliveryReceipt { DeliveryStatus = "Queued", Code = "7500" }.EventType().Failure!.Detail;
        var code = new DeliveryReceipt { Code = "1234" }.EventType().Failure!.Detail;

        Assert.Contains("\"Queued\"", status, StringComparison.Ordinal);
        Assert.Contains("\"1234\"", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_carries_the_receipt_in_clean_form()
    {
        var receipt = new DeliveryReceipt
        {
            DeliveryStatus = "Failed",
            Code = "7505",
            Channel = " WhatsApp ",
            AdditionalInfo = " (#131026) Message undeliverable:\nreceiver\u0000 is incapable\u001b ",
            Description = "ignored while additionalInfo is there",
            TransId = "wa-1",
            TimeStamp = "2021-02-04T12:37:05.378+05:30",
        };

        var e = receipt.ToMeetingEvent(MeetingStatus.Failed, Now);

        Assert.Equal(
            new MeetingEvent(MeetingStatus.Failed, "whatsapp", "(#131026) Message undeliverable: receiver is incapable", "7505", "receipt", "wa-1",
                new DateTimeOffset(2021, 2, 4, 7, 7, 5, 378, TimeSpan.Zero), Now),
            e);
    }

    [Fact]
    public void Detail_falls_back_to_description_and_is_cut_to_500()
    {
        var e = new DeliveryReceipt { Description = new string('x', 900) }.ToMeetingEvent(MeetingStatus.Failed, Now);
        var none = new DeliveryReceipt { AdditionalInfo = " \u0007 " }.ToMeetingEvent(MeetingStatus.Sent, Now);

        Assert.Equal(500, e.Detail!.Length);
        Assert.Null(none.Detail);
        Assert.Null(none.Channel);
        Assert.Equal(Now, none.OccurredAt);
    }

    [Theory]
    [InlineData("2021-02-04T12:37:05.378+05:30", "2021-02-04T07:07:05.378Z")]
    [InlineData("2021-02-04T12:37:05+0530", "2021-02-04T07:07:05Z")]
    [InlineData("2021-02-04 12:37:05-03:00", "2021-02-04T15:37:05Z")]
    [InlineData("2021-02-04T07:07:05Z", "2021-02-04T07:07:05Z")]
    public void Time_stamps_with_an_offset_are_read(string text, string expectedUtc)
    {
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), DeliveryReceipt.ParseTimeStamp(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2021-02-04T12:37:05")]
    [InlineData("2021-02-04")]
    [InlineData("yesterday at noon +05:30")]
    [InlineData("1612422425378")]
    public void Time_stamps_without_an_offset_are_not_guessed(string? text)
    {
        Assert.Null(DeliveryReceipt.ParseTimeStamp(text));
    }
}
