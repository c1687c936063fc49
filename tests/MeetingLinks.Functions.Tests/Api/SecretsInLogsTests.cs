using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Api;

/// <summary>All log output of succeeding and failing creates: no token, no key, no full phone number; on both hosts.</summary>
public abstract class SecretsInLogsTests(HostKind kind, SharedAppHosts hosts, AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(kind, hosts, azurite, output)
{
    [Fact]
    public async Task Logs_of_succeeding_and_failing_creates_hold_no_secret_and_no_full_phone()
    {
        var (app, broker) = await StartAppWithFakeBrokerAsync();
        var body = """{"customer":{"phone":"+15551234567","name":"Jane Doe","channel":"sms"}}""";

        var ok = await app.PostAsync("/api/meetings", body, idempotencyKey: "log-1-" + Guid.NewGuid());
        broker.Next(401);
        var rejected = await app.PostAsync("/api/meetings", body, idempotencyKey: "log-2-" + Guid.NewGuid());
        broker.Next(400);
        var refused = await app.PostAsync("/api/meetings", body, idempotencyKey: "log-3-" + Guid.NewGuid());
        var unauthorized = await app.PostAsync("/api/meetings", body, key: "guess-" + TestApp.FlowKey);
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

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class SecretsInLogsOnLocalRun(SharedAppHosts hosts, AzuriteFixture azurite, ITestOutputHelper output)
    : SecretsInLogsTests(HostKind.LocalRun, hosts, azurite, output), IClassFixture<SharedAppHosts>;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class SecretsInLogsOnWorker(SharedAppHosts hosts, AzuriteFixture azurite, ITestOutputHelper output)
    : SecretsInLogsTests(HostKind.Worker, hosts, azurite, output), IClassFixture<SharedAppHosts>;
