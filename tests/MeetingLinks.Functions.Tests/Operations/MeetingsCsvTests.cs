using MeetingLinks.Operations;

namespace MeetingLinks.Tests.Operations;

public class MeetingsCsvTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+15551234567", "'+15551234567")]
    [InlineData("-5", "'-5")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    [InlineData("Zoë 王", "Zoë 王")]
    public void Cells_are_quoted_per_RFC_4180_and_formulas_neutralised(string? value, string expected)
    {
        Assert.Equal(expected, MeetingsCsv.Cell(value));
    }
}
