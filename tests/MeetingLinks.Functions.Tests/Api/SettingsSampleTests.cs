using System.Net;
using MeetingLinks.DevHost;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Api;

/// <summary>The documented sample settings are valid as they stand.</summary>
public sealed class SettingsSampleTests(AzuriteFixture azurite, ITestOutputHelper output) : HostSuite(azurite, output)
{
    [Fact]
    public async Task The_app_starts_and_creates_with_every_value_of_the_sample()
    {
        var sample = LocalSettings.Read(Path.Combine(RepositoryFiles.Root(), "local.settings.sample.json"));
        var settings = sample.ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value);

        // Only where the storage is: the test run's Azurite, with a table and queues of this test's own.
        settings["Tables:ConnectionString"] = Azurite.ConnectionString;
        settings["Tables:TableName"] = Azurite.NewTableName();
        settings["AzureWebJobsStorage"] = Azurite.NewAccount();
        var app = await StartAppAsync(settings);

        var created = await app.PostAsync("/api/meetings", "{}", key: sample["Auth__FlowKeys"]);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PostAsync("/api/meetings", "{}", key: WorkerSettings.DevelopmentFlowKey)).StatusCode);
    }
}
