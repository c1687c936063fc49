using System.Net;
using MeetingLinks.Http;
using MeetingLinks.Outcomes;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace MeetingLinks.InstantConnect;

/// <summary>Serves the links the sandbox broker hands out, so a local run has somewhere to land. 404 when the sandbox is off.</summary>
public sealed class SandboxVisitFunction(IOptions<InstantConnectOptions> options)
{
    private const int MaxCodeLength = 32;

    [Function("SandboxVisit")]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sandbox/visit/{code:regex(^[A-Za-z0-9]{{1,32}}$)}")] HttpRequest request,
        string code)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!options.Value.SandboxEnabled || !IsShortCode(code))
        {
            return Failure.NotFound("There is no sandbox meeting with this code.").ToProblem();
        }

        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        return TypedResults.Content(Page(code), "text/html; charset=utf-8");
    }

    internal static bool IsShortCode(string? code) =>
        code is { Length: > 0 and <= MaxCodeLength } && code.All(char.IsAsciiLetterOrDigit);

    private static string Page(string code)
    {
        var safeCode = WebUtility.HtmlEncode(code);
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="robots" content="noindex">
              <title>Sandbox meeting link {{safeCode}}</title>
              <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style>
            </head>
            <body>
              <h1>Sandbox meeting link</h1>
              <p>This is a sandbox meeting link from the local sandbox broker. It is <strong>not a real Webex meeting</strong>.</p>
              <p>Link code: <code>{{safeCode}}</code></p>
              <p>To create real meetings, configure a Webex bot token (InstantConnect__BotToken) and turn the sandbox off.</p>
            </body>
            </html>
            """;
    }
}
