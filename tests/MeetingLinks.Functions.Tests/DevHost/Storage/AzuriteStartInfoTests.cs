using MeetingLinks.DevHost.Storage;

namespace MeetingLinks.Tests.DevHost.Storage;

public sealed class AzuriteStartInfoTests
{
    private static readonly AzuriteCommand Command = new("node", ["azurite-table.js"]);

    [Fact]
    public void Without_a_location_azurite_keeps_its_data_in_memory()
    {
        var startInfo = AzuriteStartInfo.Create(Command, new AzuriteStartOptions(), AzuriteService.Table, 10002);

        Assert.Equal("node", startInfo.FileName);
        Assert.Equal(
            ["azurite-table.js", "--tableHost", "127.0.0.1", "--tablePort", "10002",
                "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence"],
            startInfo.ArgumentList);
        Assert.False(startInfo.UseShellExecute);
        Assert.True(startInfo.RedirectStandardOutput);
        Assert.True(startInfo.RedirectStandardError);
    }

    [Fact]
    public void The_queue_service_gets_its_own_options()
    {
        var startInfo = AzuriteStartInfo.Create(new AzuriteCommand("azurite-queue", []), new AzuriteStartOptions(), AzuriteService.Queue, 10001);

        Assert.Equal("azurite-queue", startInfo.FileName);
        Assert.Equal(
            ["--queueHost", "127.0.0.1", "--queuePort", "10001",
                "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence"],
            startInfo.ArgumentList);
        Assert.Equal("azurite-queue", AzuriteStartInfo.BinaryOf(AzuriteService.Queue));
        Assert.Equal("azurite-table", AzuriteStartInfo.BinaryOf(AzuriteService.Table));
    }

    [Fact]
    public void Listens_on_the_host_asked_for_even_a_wildcard()
    {
        var startInfo = AzuriteStartInfo.Create(Command, new AzuriteStartOptions { Host = "0.0.0.0" }, AzuriteService.Table, 4000);

        Assert.Equal(["--tableHost", "0.0.0.0", "--tablePort", "4000"], startInfo.ArgumentList.Skip(1).Take(4));
    }

    [Fact]
    public void With_a_location_azurite_persists_into_that_folder_which_is_created()
    {
        var parent = Directory.CreateTempSubdirectory("azurite-start-info-");
        try
        {
            var location = Path.Combine(parent.FullName, "data");

            var startInfo = AzuriteStartInfo.Create(Command, new AzuriteStartOptions { Location = location }, AzuriteService.Table, 10002);

            Assert.Equal(["--location", location], startInfo.ArgumentList.TakeLast(2));
            Assert.DoesNotContain("--inMemoryPersistence", startInfo.ArgumentList);
            Assert.True(Directory.Exists(location));
        }
        finally
        {
            parent.Delete(recursive: true);
        }
    }

    [Fact]
    public void Custom_accounts_from_the_environment_do_not_reach_azurite()
    {
        // ConnectionString names devstoreaccount1, which AZURITE_ACCOUNTS would replace.
        const string Variable = "AZURITE_ACCOUNTS";
        var before = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, "account1:a2V5");
        try
        {
            var startInfo = AzuriteStartInfo.Create(Command, new AzuriteStartOptions(), AzuriteService.Queue, 10001);

            Assert.False(startInfo.Environment.ContainsKey(Variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, before);
        }
    }
}
