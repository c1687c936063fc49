using MeetingLinks.Receipts;

namespace MeetingLinks.Tests.Receipts;

public class DeliveryReceiptMeetingIdTests
{
    private const string Id = "20261125-51299877-k3j7xq2a";
    private const string Other = "20261124-00012345-abcdefgh";

    private static string? Find(string? correlationId, string? callbackData)
        => new DeliveryReceipt { CorrelationId = correlationId, CallbackData = callbackData }.TryFindMeetingId(out var id) ? id : null;

    [Fact]
    public void Correlation_id_is_preferred()
    {
        Assert.Equal(Id, Find($" {Id} ", Other));
        Assert.Equal(Id, Find(Id, null));
    }

    [Fact]
    public void Callback_data_is_the_fallback_whole_or_inside()
    {
        Assert.Equal(Id, Find(null, Id));
        Assert.Equal(Id, Find("connect-generated-7f1c", Id));
        Assert.Equal(Id, Find(null, $$"""{"meetingId":"{{Id}}","ref":"CASE-1"}"""));
        Assert.Equal(Id, Find(null, $"ref=CASE-1&meetingId={Id}"));
        Assert.Equal(Id, Find(null, $"meeting-{Id}"));
    }

    [Fact]
    public void A_whole_value_beats_an_id_found_inside_the_correlation_id()
    {
        Assert.Equal(Other, Find($"case {Id}", Other));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "   ")]
    [InlineData("20261125-51299877-K3J9XQ2A", null)]
    [InlineData(null, "x20261125-51299877-k3j7xq2ay")]
    [InlineData(null, "20261125-51299877-k3j9xq2")]
    [InlineData(null, "20261399-51299877-k3j7xq2a")]
    public void Nothing_usable_is_no_id(string? correlationId, string? callbackData)
    {
        Assert.Null(Find(correlationId, callbackData));
    }
}
