using Azure.Storage.Queues;
using MeetingLinks.DevHost.Hosting.Queues;
using MeetingLinks.DevHost.Hosting.Worker;
using MeetingLinks.Hosting;

namespace MeetingLinks.Tests.Hosting;

/// <summary>host.json as the app reads it (how queue messages are encoded) and as the development host reads it.</summary>
public sealed class HostJsonTests : IDisposable
{
    private static readonly Dictionary<string, string> NoSettings = [];

    private readonly DirectoryInfo _app = Directory.CreateTempSubdirectory("host-json-");

    public void Dispose() => _app.Delete(recursive: true);

    [Fact]
    public void Queue_settings_come_from_extensions_queues_whatever_the_case_of_the_names()
    {
        File.WriteAllText(Path.Combine(_app.FullName, "host.json"), """
            {
              // comments and trailing commas, as the host allows
              "version": "2.0",
              "Extensions": {
                "Queues": {
                  "BatchSize": 4,
                  "maxDequeueCount": 3,
                  "visibilityTimeout": "00:00:07",
                  "maxPollingInterval": "00:00:01.500",
                  "messageEncoding": "none",
                },
              },
            }
            """);

        var settings = AppFiles.ReadQueueOptions(_app.FullName, NoSettings);

        Assert.Equal(new QueueTriggerOptions
        {
            BatchSize = 4, MaxDequeueCount = 3, VisibilityTimeout = TimeSpan.FromSeconds(7), MaxPollingInterval = TimeSpan.FromSeconds(1.5), Base64 = false,
        }, settings);
        Assert.Equal(QueueMessageEncoding.None, HostJson.QueueMessageEncoding(_app.FullName));
    }

    [Fact]
    public void App_settings_override_host_json_as_the_host_reads_them()
    {
        File.WriteAllText(Path.Combine(_app.FullName, "host.json"), """{ "extensions": { "queues": { "maxDequeueCount": 3, "visibilityTimeout": "00:00:07" } } }""");
        var overrides = new Dictionary<string, string>
        {
            ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:00.200",
            ["AzureFunctionsJobHost__extensions__queues__batchSize"] = "1",
        };

        var settings = AppFiles.ReadQueueOptions(_app.FullName, overrides);

        Assert.Equal(new QueueTriggerOptions { BatchSize = 1, MaxDequeueCount = 3, VisibilityTimeout = TimeSpan.FromMilliseconds(200) }, settings);
    }

    [Fact]
    public void Without_queue_settings_the_hosts_defaults_apply()
    {
        File.WriteAllText(Path.Combine(_app.FullName, "host.json"), """{ "version": "2.0", "extensions": { "http": { "routePrefix": "" } } }""");

        var settings = AppFiles.ReadQueueOptions(_app.FullName, NoSettings);

        Assert.Equal(new QueueTriggerOptions(), settings);
        Assert.Equal(5, settings.MaxDequeueCount);
        Assert.Equal(TimeSpan.Zero, settings.VisibilityTimeout);
        Assert.True(settings.Base64);
        Assert.Equal(QueueMessageEncoding.Base64, HostJson.QueueMessageEncoding(_app.FullName));
        Assert.Equal(string.Empty, AppFiles.ReadRoutePrefix(_app.FullName));
    }

    [Fact]
    public void Without_a_host_json_the_hosts_defaults_apply()
    {
        Assert.Equal(new QueueTriggerOptions(), AppFiles.ReadQueueOptions(_app.FullName, NoSettings));
        Assert.Equal(QueueMessageEncoding.Base64, HostJson.QueueMessageEncoding(_app.FullName));
        Assert.Equal("api", AppFiles.ReadRoutePrefix(_app.FullName));
    }

    [Fact]
    public void The_apps_host_json_retries_a_failed_message_five_times_five_seconds_apart()
    {
        var settings = AppFiles.ReadQueueOptions(AppContext.BaseDirectory, NoSettings);

        Assert.Equal(5, settings.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.VisibilityTimeout);
        Assert.True(settings.Base64);
        Assert.Equal(QueueMessageEncoding.Base64, HostJson.QueueMessageEncoding(AppContext.BaseDirectory));
    }
}
