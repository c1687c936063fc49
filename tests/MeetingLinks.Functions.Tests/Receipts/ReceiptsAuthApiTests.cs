using System.Net;
using System.Security.Cryptography;
using System.Text;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Receipts;

/// <summary>Who may post a receipt: a valid signature, or a flow key; nothing else changes a record.</summary>
public sealed class ReceiptsAuthApiTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    [Fact]
    public async Task Bad_or_forged_signatures_are_401_and_change_nothing()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync();
        var body = ReceiptSamples.WhatsApp(id);
        var forgedBody = ReceiptSamples.WhatsApp(id, "Read", "7502");

        await (await app.PostReceiptAsync(body, ReceiptCalls.Sign(body, "guessed-secret"))).AssertProblemAsync(401, "invalid_signature");
        await (await app.PostReceiptAsync(forgedBody, ReceiptCalls.Sign(body))).AssertProblemAsync(401, "invalid_signature");
        await (await app.PostReceiptAsync(body, "sha256=garbage")).AssertProblemAsync(401, "invalid_signature");
        // A key does not overrule a signature that does not match.
        await (await app.PostReceiptAsync(body, "sha256=garbage", key: TestSecrets.FlowKey)).AssertProblemAsync(401, "invalid_signature");
        // Nor does an empty test call skip a signature that is sent.
        await (await app.PostReceiptAsync("{}", ReceiptCalls.Sign("{}", "guessed-secret"))).AssertProblemAsync(401, "invalid_signature");

        var record = await app.ReadRecordAsync(id);
        Assert.Equal("created", record.GetProperty("status").GetString());
        Assert.Empty(record.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Without_a_signature_a_flow_key_is_needed()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync();
        var body = ReceiptSamples.WhatsApp(id);

        await (await app.PostReceiptAsync(body, signature: null)).AssertProblemAsync(401, "unauthorized");
        await (await app.PostReceiptAsync(body, signature: null, key: "wrong")).AssertProblemAsync(401, "unauthorized");
        await (await app.PostReceiptAsync(body, signature: null, key: TestSecrets.OpsKey)).AssertProblemAsync(403, "forbidden");
        Assert.Equal("created", (await app.ReadRecordAsync(id)).GetProperty("status").GetString());

        var withKey = await app.PostReceiptAsync(body, signature: null, key: TestSecrets.FlowKey);

        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal("delivered", (await app.ReadRecordAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Sha512_signature_without_prefix_in_upper_case_is_accepted()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync();
        var body = ReceiptSamples.SmsDelivered(id);
        var signature = Convert.ToHexString(HMACSHA512.HashData(Encoding.UTF8.GetBytes(TestSecrets.HubSecret), Encoding.UTF8.GetBytes(body)));

        var response = await app.PostReceiptAsync(body, signature);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("delivered", (await app.ReadRecordAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_a_configured_secret_a_signature_is_not_enough()
    {
        var app = await SharedAppAsync("no-hub-secret", new Dictionary<string, string?> { ["Receipts:HubSecret"] = null });
        var id = await app.CreateMeetingAsync();
        var body = ReceiptSamples.WhatsApp(id);

        await (await app.PostReceiptAsync(body)).AssertProblemAsync(401, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await app.PostReceiptAsync(body, key: TestSecrets.FlowKey)).StatusCode);
        Assert.Contains("Receipts__HubSecret is not set", app.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_hold_no_secret_no_signature_and_no_full_destination()
    {
        var app = await AppAsync();
        var logStart = app.LogText.Length;
        var id = await app.CreateMeetingAsync();
        var body = ReceiptSamples.WhatsApp(id);
        var signature = ReceiptCalls.Sign(body);

        Assert.Equal(HttpStatusCode.OK, (await app.PostReceiptAsync(body, signature)).StatusCode);
        await (await app.PostReceiptAsync(ReceiptSamples.WhatsAppFailed(id), signature)).AssertProblemAsync(401, "invalid_signature");
        await (await app.PostReceiptAsync(body, signature: null, key: "guess-" + TestSecrets.FlowKey)).AssertProblemAsync(401, "unauthorized");

        // What this test's calls logged shows the masked number; nothing the shared app logged shows a secret.
        var ours = app.LogText[logStart..];
        Assert.Contains("+15*******67", ours, StringComparison.Ordinal);
        Assert.Contains("Refused a receipt: invalid_signature", ours, StringComparison.Ordinal);
        var logs = app.LogText;
        foreach (var secret in new[] { TestSecrets.HubSecret, signature[7..], ReceiptSamples.WhatsAppNumber, TestSecrets.FlowKey })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }
}
