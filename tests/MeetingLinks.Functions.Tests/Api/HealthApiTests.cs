using System.Net;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Api;

/// <summary>What a probe sees of <c>GET /api/health</c>, with storage up and down.</summary>
public sealed class HealthApiTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    [Fact]
    public async Task With_storage_up_health_is_200_ok_without_a_key_and_shows_no_secret()
    {
        var app = await AppAsync();

        var response = await app.GetAsync("/api/health", key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var report = await response.ReadJsonAsync();
        Assert.Equal("ok", report.GetProperty("status").GetString());
        Assert.Equal("ok", report.GetProperty("storage").GetString());
        AppSecrets.AssertNoneIn(await response.Content.ReadAsStringAsync(), Azurite, "AccountKey");
    }

    [Fact]
    public async Task With_storage_down_health_is_503_and_shows_no_secret()
    {
        var app = await SharedAppAsync("unreachable-storage", TestStorageAccount.Unreachable(Azurite));

        var response = await app.GetAsync("/api/health", key: null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await response.ReadJsonAsync();
        Assert.Equal("degraded", report.GetProperty("status").GetString());
        Assert.Equal("unavailable", report.GetProperty("storage").GetString());
        AppSecrets.AssertNoneIn(await response.Content.ReadAsStringAsync(), Azurite, "AccountKey", "127.0.0.1:9");
    }
}
