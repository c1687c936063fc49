using System.Net;
using MeetingLinks.LocalRun;
using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.Api;

/// <summary>The documented sample settings are valid as they stand.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public class SettingsSampleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_app_starts_and_creates_with_every_value_of_the_sample()
    {
        var sample = LocalSettings.Read(Path.Combine(RepositoryFiles.Root(), "local.settings.sample.json"));
        var settings = sample.ToDictionary(e => e.Key, e => e.Value);
        settings["Tables:ConnectionString"] = azurite.ConnectionString;
        settings["Tables:TableName"] = azurite.NewTableName();
        settings["LocalRun:StartAzurite"] = "false";
        settings["InstantConnect:BotToken"] = null;

        await using var app = await TestApp.StartAsync(azurite, settings);
        var created = await app.PostAsync("/api/meetings", "{}", key: sample["Auth:FlowKeys"]);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PostAsync("/api/meetings", "{}", key: "dev-flow-key")).StatusCode);
    }
}
