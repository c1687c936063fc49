using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.Guides;

/// <summary>Each reader finds their page: the guides link to each other and to the repository's files, and every link resolves.</summary>
public sealed class GuideLinksTests
{
    private static readonly string Root = RepositoryFiles.Root();

    [Fact]
    public void Every_relative_link_in_the_guides_resolves()
    {
        var links = GuideFiles.All().SelectMany(g => MarkdownLinks.RelativeLinks(g.Path, g.Text)).ToList();

        var broken = links.Select(link => (link, problem: MarkdownLinks.Problem(Root, link)))
            .Where(l => l.problem is not null)
            .Select(l => $"{l.link}: {l.problem}")
            .ToList();

        // The guides point at one another; a reader who lands on any of them can reach the rest.
        Assert.True(links.Count >= GuideFiles.Paths.Length, $"only {links.Count} relative links in the guides");
        Assert.True(broken.Count == 0, string.Join(Environment.NewLine, broken));
    }

    [Fact]
    public void A_missing_file_a_missing_heading_and_a_link_out_of_the_repository_are_each_caught()
    {
        static string? Problem(string target) => MarkdownLinks.Problem(Root, new MarkdownLinks.Link("README.md", 1, target));

        Assert.Null(Problem("src/README.md"));
        Assert.Null(Problem("infra/"));
        Assert.Null(Problem("#run-it-and-test-it"));
        Assert.Null(Problem("tests/README.md#the-benchmark"));
        Assert.Contains("no file", Problem("src/NO-SUCH-GUIDE.md"), StringComparison.Ordinal);
        Assert.Contains("no heading", Problem("src/README.md#no-such-heading"), StringComparison.Ordinal);
        Assert.Contains("no heading", Problem("#no-such-heading"), StringComparison.Ordinal);
        Assert.Contains("not a markdown file", Problem("host.json#routePrefix"), StringComparison.Ordinal);
        Assert.Contains("outside the repository", Problem("../elsewhere.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void Links_in_code_are_not_links_and_links_with_a_scheme_are_not_relative()
    {
        const string markdown = """
            See [the tests](tests/README.md) and [Webex](https://developer.webex.com).
            `[not a link](nowhere.md)`

            ```sh
            echo "[nor this](nowhere.md)"
            ```
            [ref]: src/README.md#the-api
            """;

        var targets = MarkdownLinks.RelativeLinks("README.md", markdown).Select(l => l.Target);

        Assert.Equal(["tests/README.md", "src/README.md#the-api"], targets);
    }

    [Theory]
    [InlineData("Before it works with Webex (once)", "before-it-works-with-webex-once")]
    [InlineData("The expert's answer, and the flow that hears it", "the-experts-answer-and-the-flow-that-hears-it")]
    [InlineData("Storage (version 1)", "storage-version-1")]
    [InlineData("Retrying 503, 504 and timeouts", "retrying-503-504-and-timeouts")]
    [InlineData("The `links` of [a record](#a-record)", "the-links-of-a-record")]
    public void Headings_get_GitHubs_anchors(string heading, string anchor)
        => Assert.Equal(anchor, MarkdownLinks.Slug(heading));

    [Fact]
    public void A_repeated_heading_gets_a_numbered_anchor()
    {
        var anchors = MarkdownLinks.Anchors("# Guide\n## Setup\n```sh\n# not a heading\n```\n### Setup\n## Setup\n");

        Assert.Equal(["guide", "setup", "setup-1", "setup-2"], anchors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_main_guide_stays_short_and_names_the_commands_to_run_and_test_it()
    {
        var readme = RepositoryFiles.ReadText("README.md");

        Assert.True(readme.TrimEnd('\n').Split('\n').Length <= 400, "README.md is over 400 lines; move detail to the guide of its reader");
        Assert.Contains("dotnet run --project src/MeetingLinks.DevHost", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test Functions.sln", readme, StringComparison.Ordinal);
    }
}
