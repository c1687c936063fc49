using MeetingLinks.Hosting;
using Microsoft.Extensions.Configuration;

namespace MeetingLinks.Tests.Hosting;

public class QueueStorageTests
{
    [Theory]
    [InlineData(null, null, null, "http://127.0.0.1:10001/devstoreaccount1")]
    [InlineData("UseDevelopmentStorage=true", null, null, "http://127.0.0.1:10001/devstoreaccount1")]
    [InlineData(null, "https://acct.queue.core.windows.net", null, "https://acct.queue.core.windows.net")]
    [InlineData(null, null, "acct2", "https://acct2.queue.core.windows.net")]
    public void The_connection_is_read_as_the_host_reads_it(string? connectionString, string? queueServiceUri, string? accountName, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["AzureWebJobsStorage:queueServiceUri"] = queueServiceUri,
            ["AzureWebJobsStorage:accountName"] = accountName,
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Where(s => s.Value is not null)).Build();

        var client = QueueStorage.Connect(configuration, QueueStorage.DefaultConnection);

        Assert.Equal(expected, client.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal(connectionString is null && (queueServiceUri ?? accountName) is not null,
            QueueStorage.ConnectionStringOf(configuration, QueueStorage.DefaultConnection) is null);
    }
}
