using MeetingLinks.DevHost.Storage;

namespace MeetingLinks.Tests.DevHost.Storage;

public sealed class DevelopmentStorageTests
{
    private const string Account = "AccountName=devstoreaccount1;AccountKey=a2V5;DefaultEndpointsProtocol=http;";

    [Theory]
    [InlineData(AzuriteService.Queue, "http://127.0.0.1:10001/")]
    [InlineData(AzuriteService.Table, "http://127.0.0.1:10002/")]
    public void Development_storage_means_the_well_known_local_ports(AzuriteService service, string endpoint)
    {
        Assert.Equal(new Uri(endpoint), DevelopmentStorage.LocalEndpointOf("UseDevelopmentStorage = true", service));
    }

    [Fact]
    public void A_connection_string_to_loopback_names_each_services_own_port()
    {
        const string ConnectionString = Account + "QueueEndpoint=http://127.0.0.1:4001/devstoreaccount1;TableEndpoint=http://localhost:4002/devstoreaccount1;";

        Assert.Equal(new Uri("http://127.0.0.1:4001"), DevelopmentStorage.LocalEndpointOf(ConnectionString, AzuriteService.Queue));
        Assert.Equal(new Uri("http://localhost:4002"), DevelopmentStorage.LocalEndpointOf(ConnectionString, AzuriteService.Table));
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=a2V5;EndpointSuffix=core.windows.net")]
    [InlineData("")]
    [InlineData("not a connection string")]
    public void Storage_elsewhere_is_not_started_locally(string connectionString)
    {
        Assert.Null(DevelopmentStorage.LocalEndpointOf(connectionString, AzuriteService.Queue));
    }
}
