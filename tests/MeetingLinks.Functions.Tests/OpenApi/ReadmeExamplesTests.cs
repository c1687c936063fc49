using System.Text.Json;
using System.Text.RegularExpressions;
using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.OpenApi;

/// <summary>
/// The request and answer examples of every guide (<see cref="GuideFiles"/>) are valid against the OpenAPI description, wherever
/// they stand. An example is marked with an HTML comment on the line before its <c>```json</c> block:
/// <c>&lt;!-- openapi: POST /api/meetings request --&gt;</c> for a request body, <c>&lt;!-- openapi: POST /api/meetings 200 --&gt;</c>
/// for an answer.
/// </summary>
public partial class ReadmeExamplesTests
{
    /// <summary>The guides held 21 marked examples when they were split; moving text must not leave any unchecked.</summary>
    private const int FewestExamples = 21;

    /// <summary>What integrators most need an example of; each must stay marked (and so checked).</summary>
    private static readonly string[] Required =
    [
        "POST /api/meetings request",
        "POST /api/meetings 200",
        "POST /api/meetings/{id}/links request",
        "POST /api/meetings/{id}/links 200",
        "POST /api/meetings/{id}/events request",
        "POST /api/meetings/{id}/events 200",
        "POST /api/customers/erase request",
        "POST /api/customers/erase 200",
        "GET /api/meetings 200",
        "POST /api/receipts request",
    ];

    [Fact]
    public void Every_marked_example_is_valid_against_its_operation()
    {
        var examples = Examples();
        var failures = new List<string>();
        foreach (var example in examples)
        {
            var errors = ServedDescription.Check(example.Method, example.Path, example.Part, example.Json);
            failures.AddRange(errors.Select(e => $"{example.Guide} line {example.Line} ({example.Marker}): {e}"));
        }

        Assert.True(examples.Count >= FewestExamples, $"{examples.Count} marked examples; the guides had {FewestExamples}.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Every_marker_stands_before_a_json_block_and_names_an_operation_part_the_description_has()
    {
        var markers = GuideFiles.All().Sum(guide => Regex.Count(guide.Text, "<!--\\s*openapi:"));
        var examples = Examples();

        Assert.Equal(markers, examples.Count);
        foreach (var example in examples)
        {
            var schema = ServedDescription.SchemaOf(example.Method, example.Path, example.Part);
            Assert.NotNull(schema);
        }
    }

    [Fact]
    public void The_examples_integrators_need_are_marked()
    {
        var marked = Examples().Select(e => e.Marker).ToHashSet(StringComparer.Ordinal);

        Assert.All(Required, r => Assert.Contains(r, marked));
    }

    [Fact]
    public void An_example_that_breaks_the_description_fails()
    {
        // The check itself: a wrong type, an unknown field and a missing field must each be caught.
        Assert.NotEmpty(ServedDescription.Check("POST", "/api/meetings", "request", """{"hosts":true}"""));
        Assert.NotEmpty(ServedDescription.Check("POST", "/api/meetings", "request", """{"customer":{"phone":"1","fax":"2"}}"""));
        Assert.NotEmpty(ServedDescription.Check("POST", "/api/customers/erase", "200", """{"erased":-1}"""));
        Assert.NotEmpty(ServedDescription.Check("GET", "/api/meetings", "200", """{"items":[{"meetingId":"20261125-51422012-dkjgpe65"}],"continuationToken":null}"""));
        Assert.NotEmpty(ServedDescription.Check("POST", "/api/meetings", "409", """{"type":"t","title":"t","status":409,"detail":"d","code":"link_limit"}"""));
        Assert.Empty(ServedDescription.Check("POST", "/api/meetings", "request", "{}"));
    }

    private static List<GuideExample> Examples()
        => [.. GuideFiles.All().SelectMany(guide => Marked().Matches(guide.Text).Select(m => new GuideExample(
            guide.Path,
            m.Groups["method"].Value,
            m.Groups["path"].Value,
            m.Groups["part"].Value,
            m.Groups["json"].Value,
            guide.Text[..m.Index].Count(c => c == '\n') + 1)))];

    [GeneratedRegex(
        @"^[ \t]*<!--\s*openapi:\s*(?<method>[A-Z]+)\s+(?<path>/\S+)\s+(?<part>request|[1-5][0-9]{2})\s*-->[ \t]*\n(?:[ \t]*\n)*[ \t]*```json[ \t]*\n(?<json>.*?)\n[ \t]*```",
        RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Marked();

    private sealed record GuideExample(string Guide, string Method, string Path, string Part, string Json, int Line)
    {
        public string Marker => $"{Method} {Path} {Part}";
    }
}
