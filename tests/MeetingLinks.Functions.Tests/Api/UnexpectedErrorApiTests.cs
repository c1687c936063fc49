using MeetingLinks.Meetings;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Api;

/// <summary>What nobody planned for: a 500 problem that tells nothing, and the whole error in the log; on both hosts.</summary>
public abstract class UnexpectedErrorApiTests(HostKind kind, SharedAppHosts hosts, AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(kind, hosts, azurite, output)
{
    [Fact]
    public async Task An_unhandled_exception_is_a_500_problem_without_its_details_and_is_logged_with_the_exception()
    {
        var app = await AppAsync();
        var id = MeetingIds.New(DateTimeOffset.UtcNow);
        await TableRows.WriteMeetingWithUnreadableLinksAsync(Azurite, app.TableName, id);

        var response = await app.GetAsync($"/api/meetings/{id}");

        await response.AssertProblemAsync(500, "internal_error");
        var body = await response.Content.ReadAsStringAsync();
        foreach (var detail in new[] { "Exception", "System.", "GuestUrls", "instant.webex.com" })
        {
            Assert.DoesNotContain(detail, body, StringComparison.Ordinal);
        }

        var logs = app.LogText;
        var failure = $"failed on GET /api/meetings/{id}";
        Assert.Contains(failure, logs, StringComparison.Ordinal);
        Assert.Contains("System.Text.Json.JsonException", logs[logs.IndexOf(failure, StringComparison.Ordinal)..], StringComparison.Ordinal);
    }
}

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class UnexpectedErrorApiOnLocalRun(SharedAppHosts hosts, AzuriteFixture azurite, ITestOutputHelper output)
    : UnexpectedErrorApiTests(HostKind.LocalRun, hosts, azurite, output), IClassFixture<SharedAppHosts>;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class UnexpectedErrorApiOnWorker(SharedAppHosts hosts, AzuriteFixture azurite, ITestOutputHelper output)
    : UnexpectedErrorApiTests(HostKind.Worker, hosts, azurite, output), IClassFixture<SharedAppHosts>;
