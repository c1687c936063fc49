using System.Net;
using Microsoft.AspNetCore.Http;

namespace MeetingLinks.DevHost.StandIns;

/// <summary>Where the broker stand-in's links land: a page that says plainly it is a sandbox meeting.</summary>
internal static class VisitPage
{
    public static IResult Show(HttpContext context, string code)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        var safeCode = WebUtility.HtmlEncode(code);
        return Results.Content($$"""
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
              <p>This is a sandbox meeting link from the development host's stand-in for the Instant Connect broker. It is <strong>not a real Webex meeting</strong>.</p>
              <p>Link code: <code>{{safeCode}}</code></p>
              <p>To create real meetings, set InstantConnect__BotToken to a Webex bot token.</p>
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }
}
