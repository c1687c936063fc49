using MeetingLinks.Meetings;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Api;

/// <summary>What nobody planned for: a 500 problem that tells nothing, and the whole error in the log.</summary>
public sealed class UnexpectedErrorApiTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    [Fact]
    public async Task An_unhandled_exception_is_a_500_problem_without_its_details_and_is_logged_with_the_exception()
    {
        // A table of its own: the unreadable row would break every listing of today in a shared one.
        var app = await StartAppAsync();
        var id = MeetingIds.New(DateTimeOffset.UtcNow);
        await TableRows.WriteMeetingWithUnreadableLinksAsync(Azurite, app.TableName, id);

        var response = await app.GetAsync($"/api/meetings/{id}");

        await response.AssertProblemAsync(500, "internal_error");
        var body = await response.Content.ReadAsStringAsync();
        foreach (var detail in new[] { "Exception", "System.", "Links", "instant.webex.com" })
        {
            Assert.DoesNotContain(detail, body, StringComparison.Ordinal);
        }

        var logs = app.LogText;
        var failure = $"failed on GET /api/meetings/{id}";
        Assert.Contains(failure, logs, StringComparison.Ordinal);
        Assert.Contains("System.Text.Json.JsonException", logs[logs.IndexOf(failure, StringComparison.Ordinal)..], StringComparison.Ordinal);
    }
}
