using System.Net;
using MeetingLinks.Operations.Page;
using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.OpsPage;

/// <summary>The page's routes over plain HTTP: the files, their types and headers, and nothing else.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class OpsPageRouteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_page_is_html_with_a_strict_policy_and_needs_no_key()
    {
        await using var app = await TestApp.StartAsync(azurite);

        using var response = await app.GetAsync("/api/ops", key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in new[]
        {
            "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' data:",
            "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
        })
        {
            Assert.Contains(directive, policy, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.CacheControl?.NoStore);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("src=\"ops/app.js\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"ops/app.css\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app.js", "text/javascript")]
    [InlineData("app.css", "text/css")]
    public async Task Assets_have_their_type_and_revalidate(string file, string mediaType)
    {
        await using var app = await TestApp.StartAsync(azurite);

        using var response = await app.GetAsync($"/api/ops/{file}", key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/ops/{file}");
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await app.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Theory]
    [InlineData("/api/ops/index.html")]
    [InlineData("/api/ops/nothing.js")]
    [InlineData("/api/ops/App.js")]
    [InlineData("/api/ops/..%2Fappsettings.json")]
    [InlineData("/api/ops/%2E%2E%2Flocal.settings.json")]
    [InlineData("/api/ops/MeetingLinks.Functions.dll")]
    public async Task Anything_else_under_the_page_is_not_found(string path)
    {
        await using var app = await TestApp.StartAsync(azurite);

        using var response = await app.GetAsync(path, key: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_trailing_slash_redirects_to_where_the_relative_links_work()
    {
        await using var app = await TestApp.StartAsync(azurite);

        using var response = await app.GetAsync("/api/ops/", key: null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("../ops", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public void The_script_never_parses_data_as_html()
    {
        var script = System.Text.Encoding.UTF8.GetString(OpsPageAssets.Find("app.js")!.Content.Span);

        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function" })
        {
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
        }
    }
}
