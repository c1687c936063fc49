using MeetingLinks.Validation;

namespace MeetingLinks.Tests.Validation;

public class TextInputTests
{
    public static TheoryData<string> Spoofing => new()
    {
        "\u202Egnp.exe",            // right-to-left override
        "Jane\u200BDoe",            // zero-width space
        "CASE-1\u200F",             // right-to-left mark
        "\u2066CASE-1\u2069",       // isolates
        "a\u2060b",                 // word joiner
        "\uFEFFJane",               // byte order mark
        "a\u061Cb",                 // Arabic letter mark
        "a\u202Ab",                 // embedding
    };

    [Theory]
    [MemberData(nameof(Spoofing))]
    public void Bidirectional_and_invisible_characters_are_refused(string text)
    {
        Assert.True(TextInput.HasUnsafe(text));
        Assert.True(TextInput.HasUnsafe(text, allowLineBreaks: true));
    }

    [Theory]
    [MemberData(nameof(Spoofing))]
    public void Third_party_text_has_them_taken_out(string text)
    {
        var cleaned = TextInput.Neutralise(text, 100)!;

        Assert.False(TextInput.HasUnsafe(cleaned));
        Assert.Equal(text.Length - text.Count(c => TextInput.IsUnsafe(c)), cleaned.Length);
    }

    [Theory]
    [InlineData("Zoë Ñúñez 王秀英")]
    [InlineData("محمد علي")]
    [InlineData("שרה כהן")]
    [InlineData("CASE-123 / Video visit (2nd)")]
    [InlineData("😀 Dr. Ada")]
    public void Ordinary_text_in_any_script_passes(string text)
    {
        Assert.False(TextInput.HasUnsafe(text));
        Assert.Equal(text, TextInput.Neutralise(text, 100));
    }

    [Fact]
    public void Line_breaks_pass_only_where_allowed_and_become_spaces_when_neutralised()
    {
        Assert.True(TextInput.HasUnsafe("line one\nline two"));
        Assert.False(TextInput.HasUnsafe("line one\r\nline two\tend", allowLineBreaks: true));
        Assert.True(TextInput.HasUnsafe("bell\a", allowLineBreaks: true));
        Assert.Equal("line one  line two", TextInput.Neutralise("line one\r\nline two", 100));
    }

    [Fact]
    public void Neutralised_text_is_cut_without_splitting_a_surrogate_pair()
    {
        Assert.Equal("ab", TextInput.Neutralise("ab😀", 3));
        Assert.Null(TextInput.Neutralise(" \u200B ", 10));
    }
}
