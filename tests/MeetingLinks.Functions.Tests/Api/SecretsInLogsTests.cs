using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Api;

/// <summary>All log output of succeeding and failing creates: no token, no key, no full phone number.</summary>
public sealed class SecretsInLogsTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    [Fact]
    public async Task Logs_of_succeeding_and_failing_creates_hold_no_secret_and_no_full_phone()
    {
        var (app, broker) = await FakeBrokerAppAsync();
        var body = """{"customer":{"phone":"+15551234567","name":"Jane Doe","channel":"sms"}}""";

        var ok = await app.PostAsync("/api/meetings", body, idempotencyKey: "log-1-" + Guid.NewGuid());
        broker.Next(401);
        var rejected = await app.PostAsync("/api/meetings", body, idempotencyKey: "log-2-" + Guid.NewGuid());
        broker.Next(400);
        var refused = await app.PostAsync("/api/meetings", body, idempotencyKey: "log-3-" + Guid.NewGuid());
        var unauthorized = await app.PostAsync("/api/meetings", body, key: "guess-" + TestSecrets.FlowKey);
        var invalid = await app.PostAsync("/api/meetings", """{"customer":{"phone":"+1555123456789999"}}""");

        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Equal(502, (int)rejected.StatusCode);
        Assert.Equal(502, (int)refused.StatusCode);
        Assert.Equal(401, (int)unauthorized.StatusCode);
        Assert.Equal(400, (int)invalid.StatusCode);
        var logs = app.LogText;
        Assert.Contains("created", logs, StringComparison.Ordinal);
        Assert.Contains("+15*******67", logs, StringComparison.Ordinal);
        AppSecrets.AssertNoneIn(logs, Azurite, "5551234567", "1555123456789999");
    }
}
