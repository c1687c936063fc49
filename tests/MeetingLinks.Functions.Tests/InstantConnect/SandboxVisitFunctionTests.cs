using MeetingLinks.Http;
using MeetingLinks.InstantConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Tests.InstantConnect;

public sealed class SandboxVisitFunctionTests
{
    [Fact]
    public void Serves_a_page_that_says_it_is_not_a_real_meeting()
    {
        var context = new DefaultHttpContext();

        var result = Function(sandbox: true).Run(context.Request, "oCVp2LD");

        var page = Assert.IsType<ContentHttpResult>(result);
        Assert.Equal("text/html; charset=utf-8", page.ContentType);
        Assert.Contains("sandbox meeting link from the local sandbox broker", page.ResponseContent, StringComparison.Ordinal);
        Assert.Contains("not a real Webex meeting", page.ResponseContent, StringComparison.Ordinal);
        Assert.Contains("<code>oCVp2LD</code>", page.ResponseContent, StringComparison.Ordinal);
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("<script>")]
    [InlineData("abc-def")]
    [InlineData("a23456789012345678901234567890123")]
    public void Rejects_codes_that_are_not_1_to_32_letters_or_digits(string code)
    {
        Assert.Equal(404, Assert.IsType<ProblemResult>(Function(sandbox: true).Run(new DefaultHttpContext().Request, code)).StatusCode);
    }

    [Fact]
    public void Is_404_when_the_sandbox_is_off()
    {
        Assert.Equal(404, Assert.IsType<ProblemResult>(Function(sandbox: false).Run(new DefaultHttpContext().Request, "oCVp2LD")).StatusCode);
    }

    private static SandboxVisitFunction Function(bool sandbox) =>
        new(Options.Create(new InstantConnectOptions { SandboxEnabled = sandbox }));
}
