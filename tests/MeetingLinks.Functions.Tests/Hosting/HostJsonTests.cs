using Azure.Storage.Queues;
using MeetingLinks.Hosting;

namespace MeetingLinks.Tests.Hosting;

public sealed class HostJsonTests : IDisposable
{
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

        var settings = HostJson.Queues(_app.FullName);

        Assert.Equal(
            new QueueSettings
            {
                BatchSize = 4,
                MaxDequeueCount = 3,
                VisibilityTimeout = TimeSpan.FromSeconds(7),
                MaxPollingInterval = TimeSpan.FromMilliseconds(1500),
                MessageEncoding = QueueMessageEncoding.None,
            },
            settings);
    }

    [Fact]
    public void Without_queue_settings_the_hosts_defaults_apply()
    {
        File.WriteAllText(Path.Combine(_app.FullName, "host.json"), """{ "version": "2.0", "extensions": { "http": { "routePrefix": "" } } }""");

        var settings = HostJson.Queues(_app.FullName);

        Assert.Equal(new QueueSettings(), settings);
        Assert.Equal(5, settings.MaxDequeueCount);
        Assert.Equal(TimeSpan.Zero, settings.VisibilityTimeout);
        Assert.Equal(QueueMessageEncoding.Base64, settings.MessageEncoding);
        Assert.Equal(string.Empty, HostJson.RoutePrefix(_app.FullName));
    }

    [Fact]
    public void Without_a_host_json_the_hosts_defaults_apply()
    {
        Assert.Equal(new QueueSettings(), HostJson.Queues(_app.FullName));
        Assert.Equal("api", HostJson.RoutePrefix(_app.FullName));
    }

    [Fact]
    public void The_apps_host_json_retries_a_failed_message_five_times_five_seconds_apart()
    {
        var settings = HostJson.Queues(AppContext.BaseDirectory);

        Assert.Equal(5, settings.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.MaxPollingInterval);
        Assert.Equal(QueueMessageEncoding.Base64, settings.MessageEncoding);
    }
}
