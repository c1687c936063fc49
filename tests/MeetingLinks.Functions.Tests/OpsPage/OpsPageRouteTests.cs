using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json;
using MeetingLinks.Meetings;
using MeetingLinks.Operations.Page;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.OpsPage;

/// <summary>The page's routes over plain HTTP: the files, their types and headers, and nothing else.</summary>
public sealed partial class OpsPageRouteTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    [Fact]
    public async Task The_page_is_html_with_a_strict_policy_and_needs_no_key()
    {
        var app = await AppAsync();

        var response = await app.GetAsync("/api/ops", key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in new[]
        {
            "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' data:",
            "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
            "require-trusted-types-for 'script'", "trusted-types 'none'",
        })
        {
            Assert.Contains(directive, policy, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.CacheControl?.NoStore);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"ops/app.js\"></script>", html, StringComparison.Ordinal);
        Assert.Single(html.Split("<script", StringSplitOptions.None).Skip(1));
        Assert.Contains("href=\"ops/app.css\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app.js", "text/javascript")]
    [InlineData("api.js", "text/javascript")]
    [InlineData("dom.js", "text/javascript")]
    [InlineData("render.js", "text/javascript")]
    [InlineData("clipboard.js", "text/javascript")]
    [InlineData("vocabulary.js", "text/javascript")]
    [InlineData("app.css", "text/css")]
    public async Task Assets_have_their_type_and_revalidate(string file, string mediaType)
    {
        var app = await AppAsync();

        var response = await app.GetAsync($"/api/ops/{file}", key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        await app.AssertRevalidatesAsync($"/api/ops/{file}", response);
    }

    [Fact]
    public async Task Every_module_the_page_imports_is_served_next_to_it()
    {
        var app = await AppAsync();
        var found = new List<string>();
        var pending = new Queue<string>(["app.js"]);

        while (pending.TryDequeue(out var module))
        {
            if (found.Contains(module))
            {
                continue;
            }

            found.Add(module);
            var response = await app.GetAsync($"/api/ops/{module}", key: null);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{module}: {response.StatusCode}");
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            var script = await response.Content.ReadAsStringAsync();
            foreach (Match import in ImportFrom().Matches(script))
            {
                // Only siblings: "./name.js" resolves to /api/ops/name.js, where the route serves files without folders.
                var target = import.Groups["target"].Value;
                Assert.Matches("^\\./[a-z]+\\.js$", target);
                pending.Enqueue(target[2..]);
            }
        }

        Assert.Equal(OpsPageScriptTests.Modules, found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_vocabulary_module_holds_the_services_statuses_event_types_and_chain_outcomes()
    {
        var app = await AppAsync();

        var response = await app.GetAsync("/api/ops/vocabulary.js", key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var script = await response.Content.ReadAsStringAsync();
        string[] Export(string name)
        {
            var match = Regex.Match(script, $@"^export const {name} = Object\.freeze\((?<json>\[[^\]\r\n]*\])\);$", RegexOptions.Multiline);
            Assert.True(match.Success, $"no export of {name} in:\n{script}");
            return JsonSerializer.Deserialize<string[]>(match.Groups["json"].Value)!;
        }

        Assert.Equal(MeetingStatus.All.AsEnumerable(), Export("STATUSES"));
        Assert.Equal(MeetingStatus.EventTypes.AsEnumerable(), Export("EVENT_TYPES"));
        Assert.Equal(MeetingLinks.Notifications.Delivery.Statuses, Export("NOTIFICATION_STATUSES"));
        Assert.Equal(MeetingLinks.Experts.ExpertChain.Outcomes, Export("CHAIN_OUTCOMES"));
        Assert.Equal(4, Regex.Count(script, @"^export\b", RegexOptions.Multiline));
        Assert.Equal(script, Encoding.UTF8.GetString(OpsPageAssets.Find("vocabulary.js")!.Content.Span));
    }

    [Theory]
    [InlineData("/api/ops/index.html")]
    [InlineData("/api/ops/..%2Fappsettings.json")]
    [InlineData("/api/ops/%2E%2E%2Flocal.settings.json")]
    [InlineData("/api/ops/MeetingLinks.Functions.dll")]
    public async Task Names_no_route_takes_under_the_page_are_not_found(string path)
    {
        var app = await AppAsync();

        var response = await app.GetAsync(path, key: null);

        await AssertNoRouteAsync(response);
    }

    [Theory]
    [InlineData("nothing.js")]
    [InlineData("App.js")]
    [InlineData("Vocabulary.js")]
    public async Task Asset_names_the_page_does_not_have_are_not_found(string file)
    {
        var app = await AppAsync();

        var response = await app.GetAsync($"/api/ops/{file}", key: null);

        // The file route takes these (its regex constraint ignores case, as ASP.NET Core's does); the function answers.
        await response.AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task A_trailing_slash_redirects_to_where_the_relative_links_work()
    {
        var app = await AppAsync();

        var response = await app.GetAsync("/api/ops/", key: null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("../ops", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_guest_link_from_the_stand_in_lands_on_a_page_that_says_it_is_a_sandbox()
    {
        var app = await AppAsync();
        var record = await app.ReadRecordAsync(await app.CreateMeetingAsync());

        using var browser = new HttpClient();
        var response = await browser.GetAsync(new Uri(record.GetProperty("guestUrls")[0].GetString()!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("not a real Webex meeting", html, StringComparison.Ordinal);
        Assert.Contains($"<code>{record.GetProperty("guestSuffix").GetString()}</code>", html, StringComparison.Ordinal);
    }

    // `import … from './x.js';` and `export … from './x.js';`. The page uses no other imports (OpsPageScriptTests rules out import()),
    // so following these finds every module it can load.
    [GeneratedRegex("""^\s*(?:import|export)\b[^'";]*?\bfrom\s*'(?<target>[^']+)';""", RegexOptions.Multiline)]
    private static partial Regex ImportFrom();
}
