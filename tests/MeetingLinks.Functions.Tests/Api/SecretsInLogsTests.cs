using MeetingLinks.InstantConnect;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingLinks.Tests.Api;

/// <summary>All log output of a succeeding and a failing create: no token, no key, no full phone number.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public class SecretsInLogsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Logs_of_succeeding_and_failing_creates_hold_no_secret_and_no_full_phone()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var body = """{"customer":{"phone":"+15551234567","name":"Jane Doe","channel":"sms"}}""";

        var ok = await app.PostAsync("/api/meetings", body, idempotencyKey: "log-1");
        app.Services.GetRequiredService<SandboxFaults>().NextAnswers(401);
        var rejected = await app.PostAsync("/api/meetings", body, idempotencyKey: "log-2");
        app.Services.GetRequiredService<SandboxFaults>().NextAnswers(400);
        var refused = await app.PostAsync("/api/meetings", body, idempotencyKey: "log-3");
        var unauthorized = await app.PostAsync("/api/meetings", body, key: "guess-" + TestApp.FlowKey);
        var invalid = await app.PostAsync("/api/meetings", """{"customer":{"phone":"+1555123456789999"}}""");

        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Equal(502, (int)rejected.StatusCode);
        Assert.Equal(502, (int)refused.StatusCode);
        Assert.Equal(401, (int)unauthorized.StatusCode);
        Assert.Equal(400, (int)invalid.StatusCode);
        var logs = app.Logs.AllText;
        Assert.Contains("created", logs, StringComparison.Ordinal);
        Assert.Contains("+15*******67", logs, StringComparison.Ordinal);
        foreach (var secret in new[] { TestApp.BotToken, TestApp.FlowKey, TestApp.SecondFlowKey, TestApp.OpsKey, "5551234567", "1555123456789999" })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }
}
