using MeetingLinks.Validation;

namespace MeetingLinks.Tests.Validation;

public class DateWithOffsetTests
{
    [Theory]
    [InlineData("2026-11-25T10:00:00Z", "2026-11-25T10:00:00Z")]
    [InlineData("2026-11-25t10:00:00z", "2026-11-25T10:00:00Z")]
    [InlineData("2026-11-25T12:37:05.378+05:30", "2026-11-25T07:07:05.378Z")]
    [InlineData("2026-11-25T12:37:05+0530", "2026-11-25T07:07:05Z")]
    [InlineData("2026-11-25 12:37:05-03:00", "2026-11-25T15:37:05Z")]
    [InlineData("2026-11-25T10:00Z", "2026-11-25T10:00:00Z")]
    public void A_date_and_time_with_an_offset_is_read_in_UTC(string text, string expectedUtc)
    {
        Assert.True(DateWithOffset.TryParse(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-11-25T10:00:00")]
    [InlineData("2026-11-25")]
    [InlineData("25/11/2026 10:00 +01:00")]
    [InlineData("yesterday at noon +05:30")]
    [InlineData("1764064800")]
    [InlineData("2026-13-25T10:00:00Z")]
    [InlineData("2026-11-25T10:00:00+25:00")]
    public void Anything_else_is_refused_rather_than_guessed(string? text)
    {
        Assert.False(DateWithOffset.TryParse(text, out _));
    }
}
