using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Notifications;

/// <summary>
/// The expert answers on the card and the flow hears it, black-box: the app's routes with independent doubles of Webex
/// (messages, attachment actions, webhooks, people) and of Connect's Inbound Webhook. Each test has an expert and a
/// meeting of its own, so tests sharing the app and the doubles never see each other's messages or events.
/// </summary>
public sealed class ExpertAnswerApiTests(AzuriteFixture azurite, ITestOutputHelper output) : HostSuite(azurite, output)
{
    private const string Phone = "+15550104001";
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);
    private static readonly Uri WebhookUrl = WebexAndConnectApp.WebhookUrl;

    private readonly string _expertEmail = $"dr.ana.{Guid.NewGuid():N}@clinic.example";
    private readonly string _transId = $"wa-{Guid.NewGuid():N}";
    private readonly string _reference = $"CASE-{Guid.NewGuid():N}"[..20];
    private int _meetings;

    [Fact]
    public async Task Registration_run_twice_leaves_one_webhook_pointing_here_with_the_secret()
    {
        var (app, webex, _) = await StartAsync();
        webex.AddWebhook(WebexButtons.WebhookName, "https://old.example/api/webex/events");
        webex.AddWebhook(WebexButtons.WebhookName, "https://older.example/api/webex/events");
        webex.AddWebhook("someone else's", "https://other.example/hook", resource: "messages");

        var first = await (await app.PostAsync("/api/webex/webhooks", null, key: TestSecrets.OpsKey)).ReadJsonAsync();
        var second = await (await app.PostAsync("/api/webex/webhooks", null, key: TestSecrets.OpsKey)).ReadJsonAsync();

        Assert.Equal(("updated", 1, WebhookUrl.AbsoluteUri), (first.GetProperty("action").GetString(), first.GetProperty("removed").GetInt32(), first.GetProperty("targetUrl").GetString()));
        Assert.Equal(("updated", 0), (second.GetProperty("action").GetString(), second.GetProperty("removed").GetInt32()));
        var ours = Assert.Single(webex.Webhooks, w => w["resource"]!.GetValue<string>() == "attachmentActions");
        Assert.Equal((WebhookUrl.AbsoluteUri, TestSecrets.WebhookSecret, "active"),
            (ours["targetUrl"]!.GetValue<string>(), ours["secret"]!.GetValue<string>(), ours["status"]!.GetValue<string>()));
        Assert.Single(webex.Webhooks, w => w["resource"]!.GetValue<string>() == "messages");
        await (await app.PostAsync("/api/webex/webhooks", null, key: TestSecrets.FlowKey)).AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task Forged_and_unsigned_calls_are_401_and_nothing_is_read_from_webex()
    {
        var (app, webex, _) = await StartAsync();
        var (meetingId, messageId) = await MeetingWithSentMessageAsync(app);
        var call = WebexButtons.Call(WebexButtons.Press(webex, meetingId, messageId, "joining"));
        var reads = webex.ActionReads;

        await (await WebexButtons.PostCallAsync(app, call, signature: null)).AssertProblemAsync(401, "invalid_signature");
        await (await WebexButtons.PostCallAsync(app, call, signature: WebexButtons.Sign(call, "a-guessed-secret"))).AssertProblemAsync(401, "invalid_signature");
        await (await WebexButtons.PostCallAsync(app, call + " ", signature: WebexButtons.Sign(call, TestSecrets.WebhookSecret))).AssertProblemAsync(401, "invalid_signature");

        Assert.Equal(reads, webex.ActionReads);
        Assert.Equal(JsonValueKind.Null, (await app.ReadRecordAsync(meetingId)).GetProperty("expertResponse").ValueKind);
    }

    [Fact]
    public async Task Im_joining_reaches_the_flow_once_with_the_trans_id_number_and_a_guest_link_and_gets_a_reply_in_the_thread()
    {
        var (app, webex, connect) = await StartAsync();
        var (meetingId, messageId) = await MeetingWithSentMessageAsync(app);
        var call = WebexButtons.Call(WebexButtons.Press(webex, meetingId, messageId, "joining", personId: "person-ana"));

        var answer = await (await WebexButtons.PostCallAsync(app, call, WebexButtons.Sign(call, TestSecrets.WebhookSecret))).ReadJsonAsync();
        Assert.Equal("recorded", answer.GetProperty("outcome").GetString());
        var record = await UntilAsync(app, meetingId, r => r.GetProperty("flowEvents") is { ValueKind: JsonValueKind.Array } e && e.GetArrayLength() == 1
            && e[0].GetProperty("status").GetString() == "sent" && Replies(webex, meetingId).Count == 1);

        var flowEvent = Assert.Single(connect.For(meetingId).Delivered);
        Assert.Equal(("expert.joining", meetingId, _transId, Phone[1..], "whatsapp"),
            (Text(flowEvent, "event"), Text(flowEvent, "meetingId"), Text(flowEvent, "requestId"), Text(flowEvent, "customerPhone"), Text(flowEvent, "channel")));
        Assert.StartsWith("http", Text(flowEvent, "guestUrl"), StringComparison.Ordinal);
        Assert.Equal("email d***@clinic.example", Text(flowEvent, "expert"));
        var (_, raw, key, signature, _) = connect.For(meetingId).Requests.Single();
        Assert.Equal(TestSecrets.ConnectServiceKey, key);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(TestSecrets.ConnectEventsSecret),
            Encoding.UTF8.GetBytes(raw))), signature);

        var reply = Assert.Single(Replies(webex, meetingId));
        Assert.Equal((messageId, "room-of-" + meetingId), (reply["parentId"]!.GetValue<string>(), reply["roomId"]!.GetValue<string>()));
        Assert.Contains("**Dr person\\-ana**", reply["markdown"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("is joining", reply["markdown"]!.GetValue<string>(), StringComparison.Ordinal);
        var timeline = Assert.Single(record.GetProperty("events").EnumerateArray(), e => e.GetProperty("source").GetString() == "webex");
        Assert.Equal(("expert.joining", "Dr person-ana"), (timeline.GetProperty("type").GetString(), timeline.GetProperty("detail").GetString()));
        var response = record.GetProperty("expertResponse");
        Assert.Equal(("joining", "person-ana", messageId), (response.GetProperty("answer").GetString(), response.GetProperty("personId").GetString(), response.GetProperty("messageId").GetString()));

        // Ops find it by the answer, in the listing and the export.
        var (joining, none) = (await ListAsync(app, "joining"), await ListAsync(app, "none"));
        Assert.Contains(meetingId, joining);
        Assert.DoesNotContain(meetingId, none);
        var csv = await (await app.GetAsync($"/api/meetings/export?reference={_reference}&expertResponse=joining")).Content.ReadAsStringAsync();
        Assert.Contains(",joining Dr person-ana ", csv, StringComparison.Ordinal);
        Assert.Contains("expert.joining sent attempts 1", csv, StringComparison.Ordinal);
        await (await app.GetAsync("/api/meetings?expertResponse=maybe")).AssertProblemAsync(400, "invalid_query");

        // No secret of Webex's or Connect's reaches a log, an answer or the record; the number only masked in logs.
        foreach (var secret in new[] { TestSecrets.WebhookSecret, TestSecrets.ConnectServiceKey, TestSecrets.ConnectEventsSecret, TestSecrets.BotToken })
        {
            Assert.DoesNotContain(secret, app.LogText, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, record.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, answer.GetRawText(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Phone[1..], app.LogText, StringComparison.Ordinal);

        // Webex sending the same call again: nothing more.
        var again = await (await WebexButtons.PostCallAsync(app, call, WebexButtons.Sign(call, TestSecrets.WebhookSecret))).ReadJsonAsync();
        Assert.Equal("unchanged", again.GetProperty("outcome").GetString());
        await app.ReadRecordAsync(meetingId);
        Assert.Single(connect.For(meetingId).Requests);
        Assert.Single(Replies(webex, meetingId));
    }

    [Fact]
    public async Task A_second_expert_pressing_joining_changes_nothing_for_the_flow_but_is_told_who_is_joining()
    {
        var (app, webex, connect) = await StartAsync();
        var (meetingId, messageId) = await MeetingWithSentMessageAsync(app);
        var first = WebexButtons.Call(WebexButtons.Press(webex, meetingId, messageId, "joining", personId: "person-ana"));
        var second = WebexButtons.Call(WebexButtons.Press(webex, meetingId, messageId, "joining", personId: "person-ben"));

        await WebexButtons.PostCallAsync(app, first, WebexButtons.Sign(first, TestSecrets.WebhookSecret));
        var answer = await (await WebexButtons.PostCallAsync(app, second, WebexButtons.Sign(second, TestSecrets.WebhookSecret))).ReadJsonAsync();

        Assert.Equal("unchanged", answer.GetProperty("outcome").GetString());
        await UntilAsync(app, meetingId, _ => Replies(webex, meetingId).Count == 2 && connect.For(meetingId).Requests.Count == 1);
        Assert.Contains(Replies(webex, meetingId), r => r["markdown"]!.GetValue<string>().Contains("Already answered: **Dr person\\-ana** is joining", StringComparison.Ordinal));
        Assert.Equal("person-ana", (await app.ReadRecordAsync(meetingId)).GetProperty("expertResponse").GetProperty("personId").GetString());
    }

    [Fact]
    public async Task A_button_on_another_meetings_card_counts_for_nothing()
    {
        var (app, webex, connect) = await StartAsync();
        var (meetingId, _) = await MeetingWithSentMessageAsync(app);
        var (_, otherMessageId) = await MeetingWithSentMessageAsync(app);
        var call = WebexButtons.Call(WebexButtons.Press(webex, meetingId, otherMessageId, "joining"));

        var answer = await (await WebexButtons.PostCallAsync(app, call, WebexButtons.Sign(call, TestSecrets.WebhookSecret))).ReadJsonAsync();

        Assert.Equal("ignored", answer.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, (await app.ReadRecordAsync(meetingId)).GetProperty("expertResponse").ValueKind);
        Assert.Empty(connect.For(meetingId).Requests);
    }

    [Fact]
    public async Task Connect_answering_503_twice_gets_the_event_once_on_the_third_try()
    {
        var (app, webex, connect) = await StartAsync();
        var (meetingId, messageId) = await MeetingWithSentMessageAsync(app);
        var flow = Scripted(connect.For(meetingId));
        flow.Next(503);
        flow.Next(503);
        var call = WebexButtons.Call(WebexButtons.Press(webex, meetingId, messageId, "declined"));

        await WebexButtons.PostCallAsync(app, call, WebexButtons.Sign(call, TestSecrets.WebhookSecret));
        var record = await UntilAsync(app, meetingId, r => r.GetProperty("flowEvents") is { ValueKind: JsonValueKind.Array } e && e.GetArrayLength() == 1
            && e[0].GetProperty("status").GetString() == "sent");

        Assert.Equal([503, 503, 200], flow.Requests.Select(r => r.Status));
        Assert.Equal("expert.declined", Text(Assert.Single(flow.Delivered), "event"));
        Assert.Equal(3, record.GetProperty("flowEvents")[0].GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Connect_answering_400_is_tried_once_and_the_failure_is_on_the_record()
    {
        var (app, webex, connect) = await StartAsync();
        var (meetingId, messageId) = await MeetingWithSentMessageAsync(app);
        var flow = Scripted(connect.For(meetingId));
        flow.Next(400, """{"response":[{"code":"7001","description":"Invalid request"}]}""");
        var call = WebexButtons.Call(WebexButtons.Press(webex, meetingId, messageId, "joining"));

        await WebexButtons.PostCallAsync(app, call, WebexButtons.Sign(call, TestSecrets.WebhookSecret));
        var record = await UntilAsync(app, meetingId, r => r.GetProperty("flowEvents") is { ValueKind: JsonValueKind.Array } e && e.GetArrayLength() == 1
            && e[0].GetProperty("status").GetString() == "failed");

        Assert.Single(flow.Requests);
        Assert.Contains("Invalid request", record.GetProperty("flowEvents")[0].GetProperty("lastError").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expert_who_cannot_be_reached_is_told_to_the_flow()
    {
        var (app, webex, connect) = await StartAsync();
        Scripted(webex.For(_expertEmail)).Next(404, body: """{"message":"Could not find a person with the given email."}""");
        var meetingId = (await (await app.PostAsync("/api/meetings", Create(), idempotencyKey: _transId)).ReadJsonAsync()).GetProperty("meetingId").GetString()!;

        await UntilAsync(app, meetingId, r => r.GetProperty("flowEvents") is { ValueKind: JsonValueKind.Array } e && e.GetArrayLength() == 1
            && e[0].GetProperty("status").GetString() == "sent");

        var flowEvent = Assert.Single(connect.For(meetingId).Delivered);
        Assert.Equal(("expert.unreachable", _transId), (Text(flowEvent, "event"), Text(flowEvent, "requestId")));
    }

    private async Task<(AppHost App, FakeWebex Webex, FakeConnect Connect)> StartAsync()
    {
        var (webex, connect) = (await WebexAndConnectApp.Webex.Value, await WebexAndConnectApp.Connect.Value);
        var app = await SharedAppAsync(WebexAndConnectApp.Configuration, await WebexAndConnectApp.SettingsAsync());
        Scripted(webex.For(_expertEmail));
        return (app, webex, connect);
    }

    /// <summary>A meeting whose expert message Webex took; its message id.</summary>
    private async Task<(string MeetingId, string MessageId)> MeetingWithSentMessageAsync(AppHost app)
    {
        // The first meeting of a test is created with the test's transId, a second with one of its own.
        var key = _meetings++ == 0 ? _transId : $"{_transId}-{_meetings}";
        var meetingId = (await (await app.PostAsync("/api/meetings", Create(), idempotencyKey: key)).ReadJsonAsync())
            .GetProperty("meetingId").GetString()!;
        var record = await UntilAsync(app, meetingId, r => r.GetProperty("expertNotification").GetProperty("status").GetString() == "sent");
        return (meetingId, record.GetProperty("expertNotification").GetProperty("messageId").GetString()!);
    }

    private static List<JsonObject> Replies(FakeWebex webex, string meetingId) => [.. webex.For("room-of-" + meetingId).Delivered];

    private static async Task<JsonElement> UntilAsync(AppHost app, string meetingId, Func<JsonElement, bool> done)
    {
        JsonElement record = default;
        await Eventually.UntilAsync(async () => done(record = await app.ReadRecordAsync(meetingId)), Bound, $"meeting {meetingId} to get there");
        return record;
    }

    private async Task<List<string>> ListAsync(AppHost app, string answer)
        => [.. (await (await app.GetAsync($"/api/meetings?reference={_reference}&expertResponse={answer}")).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("meetingId").GetString()!)];

    private object Create() => new
    {
        reference = _reference,
        customer = new { phone = Phone, name = "Jane Doe", channel = "whatsapp" },
        expert = new { email = _expertEmail },
    };

    private static string? Text(JsonObject body, string name) => body[name]?.GetValue<string>();
}
