using MeetingLinks.Telemetry;

namespace MeetingLinks.Tests.Telemetry;

public class TelemetryServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData("ClientId=1234-abcd;Authorization=AAD", "1234-abcd")]
    [InlineData(" authorization=aad ; clientid=1234-abcd ", "1234-abcd")]
    [InlineData("Authorization=AAD", null)]
    [InlineData("ClientId=1234-abcd", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_identity_comes_from_the_platform_authentication_string(string? setting, string? expected)
    {
        Assert.Equal(expected, TelemetryServiceCollectionExtensions.ManagedIdentityClientId(setting));
    }
}
