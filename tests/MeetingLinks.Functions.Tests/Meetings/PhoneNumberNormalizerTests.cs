using MeetingLinks.Meetings;

namespace MeetingLinks.Tests.Meetings;

public class PhoneNumberNormalizerTests
{
    [Theory]
    [InlineData("+15551234567", "+15551234567")]
    [InlineData("15551234567", "+15551234567")]
    [InlineData("  +44 20 7946 0958 ", "+442079460958")]
    [InlineData("447911123456", "+447911123456")]
    [InlineData("0049 30 901820", "+4930901820")]
    [InlineData("+1 (555) 123-4567", "+15551234567")]
    [InlineData("919876543210", "+919876543210")]
    public void Normalizes_numbers_with_or_without_plus_to_E164(string input, string expected)
    {
        var ok = PhoneNumberNormalizer.TryNormalize(input, out var e164);

        Assert.True(ok);
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello")]
    [InlineData("+1555")]
    [InlineData("12")]
    [InlineData("+999123456789")]
    [InlineData("+1555123456789012345")]
    [InlineData("+15551234567; DROP TABLE")]
    [InlineData("++15551234567")]
    [InlineData("+1555abc4567")]
    public void Rejects_what_cannot_be_a_phone_number(string input)
    {
        Assert.False(PhoneNumberNormalizer.TryNormalize(input, out _));
    }

    [Fact]
    public void Mask_keeps_only_the_country_prefix_and_last_two_digits()
    {
        var masked = PhoneNumberNormalizer.Mask("+15551234567");

        Assert.Equal("+15*******67", masked);
        Assert.DoesNotContain("5551234567", masked, StringComparison.Ordinal);
        Assert.Equal("(none)", PhoneNumberNormalizer.Mask(null));
    }
}
