using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using MeetingLinks.Experts;
using MeetingLinks.Notifications;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Notifications;

/// <summary>
/// The expert gets the host link as a Webex message, through the queue, with an independent stand-in for Webex's
/// messages API. The tests share one app and one fake Webex; each writes to an expert of its own, so none sees
/// another's messages.
/// </summary>
public sealed class ExpertNotificationApiTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    private const string Phone = "+15550103001";
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);
    private static readonly Lazy<Task<FakeWebex>> SharedWebex = WebexAndConnectApp.Webex;

    private readonly string _expertEmail = $"dr.ana.{Guid.NewGuid():N}@clinic.example";

    [Fact]
    public async Task A_create_with_an_expert_answers_and_the_expert_then_gets_one_message_with_the_host_link()
    {
        var (app, webex) = await StartWithWebexAsync();

        var created = await (await app.PostAsync("/api/meetings", Create("CASE-EXP-1"))).ReadJsonAsync();
        var record = await UntilNotificationAsync(app, created, "sent");

        var message = Assert.Single(webex.Delivered);
        Assert.Equal(_expertEmail, message["toPersonEmail"]!.GetValue<string>());
        Assert.Contains(created.GetProperty("hostUrl").GetString()!, message["markdown"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(created.GetProperty("hostUrl").GetString()!, message["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ExpertMessage.CardContentType, message["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.DoesNotContain(Phone[1..], message.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(created.GetProperty("guestUrl").GetString()!, message.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Bearer " + TestSecrets.BotToken, webex.Requests.Single().Authorization);
        var notification = record.GetProperty("expertNotification");
        Assert.Equal(("email d***@clinic.example", 1, webex.MessageId(1)),
            (notification.GetProperty("to").GetString(), notification.GetProperty("attempts").GetInt32(), notification.GetProperty("messageId").GetString()));
    }

    [Fact]
    public async Task A_throttled_first_attempt_still_ends_in_one_message_and_sent()
    {
        var (app, webex) = await StartWithWebexAsync();
        webex.Next(429, retryAfter: "1");

        var created = await (await app.PostAsync("/api/meetings", Create("CASE-EXP-2"))).ReadJsonAsync();
        var record = await UntilNotificationAsync(app, created, "sent");

        Assert.Equal([429, 200], webex.Requests.Select(r => r.Status));
        Assert.Single(webex.Delivered);
        Assert.Equal(2, record.GetProperty("expertNotification").GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task An_unknown_person_ends_failed_with_webexs_reason_and_no_retries()
    {
        var (app, webex) = await StartWithWebexAsync();
        webex.Next(404, body: """{"message":"Could not find a person with that email.","trackingId":"t-1"}""");

        var created = await (await app.PostAsync("/api/meetings", Create("CASE-EXP-3"))).ReadJsonAsync();
        var record = await UntilNotificationAsync(app, created, "failed");

        Assert.Single(webex.Requests);
        Assert.Empty(webex.Delivered);
        Assert.Equal("HTTP 404: Could not find a person with that email.", record.GetProperty("expertNotification").GetProperty("lastError").GetString());
        var failed = await (await app.GetAsync($"/api/meetings?expertNotification=failed&reference=CASE-EXP-3")).ReadJsonAsync();
        Assert.Single(failed.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Replays_and_twenty_concurrent_duplicates_send_nothing_more()
    {
        // An app of its own, so that its queue holds this meeting's messages and timers alone.
        var (_, webex) = await StartWithWebexAsync();
        var app = await StartAppAsync(new Dictionary<string, string?> { ["Webex:ApiBaseUrl"] = (await SharedWebex.Value).Url.ToString() });
        var key = "expert-dup-" + Guid.NewGuid();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.PostAsync("/api/meetings", Create("CASE-EXP-4"), idempotencyKey: key)));
        var created = await answers[0].ReadJsonAsync();
        await UntilNotificationAsync(app, created, "sent");
        var replay = await app.PostAsync("/api/meetings", Create("CASE-EXP-4"), idempotencyKey: key);
        // What stays on the queue is the deadline of the expert, who has not answered.
        await Eventually.UntilAsync(async () => await QueuedAsync(app) == await TableRows.WaitingTimersAsync(Azurite, app.TableName), Bound,
            "every queued copy of the message to be handled");

        Assert.All(answers.Append(replay), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(webex.Requests);
    }

    [Fact]
    public async Task A_message_waiting_when_the_app_stops_is_sent_by_the_next_start()
    {
        var webex = Scripted((await SharedWebex.Value).For(_expertEmail));
        var settings = AppHostSettings.With(Azurite, new Dictionary<string, string?> { ["Webex:ApiBaseUrl"] = (await SharedWebex.Value).Url.ToString() });
        webex.Next(503, retryAfter: "2");
        JsonElement created;
        await using (var first = await AppHost.StartAsync(settings, Output.WriteLine))
        {
            created = await (await first.PostAsync("/api/meetings", Create("CASE-EXP-5"))).ReadJsonAsync();
            var waiting = await UntilNotificationAsync(first, created, "pending", attempts: 1);
            Assert.StartsWith("HTTP 503", waiting.GetProperty("expertNotification").GetProperty("lastError").GetString(), StringComparison.Ordinal);
        }

        var second = await AppHost.StartAsync(settings, Output.WriteLine);
        await using (second)
        {
            await UntilNotificationAsync(second, created, "sent");
        }

        Assert.Equal([503, 200], webex.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task Ops_send_it_again_to_a_corrected_expert()
    {
        var (app, webex) = await StartWithWebexAsync();
        webex.Next(404);
        var created = await (await app.PostAsync("/api/meetings", Create("CASE-EXP-6"))).ReadJsonAsync();
        await UntilNotificationAsync(app, created, "failed");
        var id = created.GetProperty("meetingId").GetString();

        var corrected = $"dr.ben.{Guid.NewGuid():N}@clinic.example";

        var again = await app.PostAsync($"/api/meetings/{id}/notify", new { expert = new { email = corrected } }, key: TestSecrets.OpsKey);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("pending", (await again.ReadJsonAsync()).GetProperty("expertNotification").GetProperty("status").GetString());
        await UntilNotificationAsync(app, created, "sent");
        Assert.Empty(webex.Delivered);
        Assert.Equal(corrected, Assert.Single((await SharedWebex.Value).For(corrected).Delivered)["toPersonEmail"]!.GetValue<string>());
        await (await app.PostAsync($"/api/meetings/{id}/notify", "{}", key: TestSecrets.FlowKey)).AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task Added_host_links_go_to_the_expert_named_with_them()
    {
        var (app, _) = await StartWithWebexAsync();
        var personId = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9" + Guid.NewGuid().ToString("N");
        var webex = (await SharedWebex.Value).For(personId);
        var created = await (await app.PostAsync("/api/meetings", new { reference = "CASE-EXP-7" })).ReadJsonAsync();
        var id = created.GetProperty("meetingId").GetString();

        var added = await (await app.PostAsync($"/api/meetings/{id}/links", new { hosts = 1, guests = 0, expert = new { personId } })).ReadJsonAsync();
        await UntilNotificationAsync(app, created, "sent");

        var message = Assert.Single(webex.Delivered);
        Assert.Equal(personId, message["toPersonId"]!.GetValue<string>());
        Assert.Contains(added.GetProperty("hostUrl").GetString()!, message["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(created.GetProperty("hostUrl").GetString()!, message["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expert_must_be_one_address_with_a_host_link_to_send()
    {
        var app = await AppAsync();

        var two = await app.PostAsync("/api/meetings", new { expert = new { email = _expertEmail, roomId = "Y2lz" } });
        var noHost = await app.PostAsync("/api/meetings", new { hosts = 0, guests = 1, expert = new { email = _expertEmail } });
        var badEmail = await app.PostAsync("/api/meetings", new { expert = new { email = "ana at clinic" } });

        Assert.Contains("expert", (await two.AssertProblemAsync(400, "invalid_request")).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("hosts", (await noHost.AssertProblemAsync(400, "invalid_request")).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("expert.email", (await badEmail.AssertProblemAsync(400, "invalid_request")).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task With_the_stand_in_the_development_host_shows_what_each_expert_would_have_received()
    {
        var app = await AppAsync();
        var unknownExpert = $"unknown.{Guid.NewGuid():N}@clinic.example";

        var created = await (await app.PostAsync("/api/meetings", Create("CASE-EXP-8"))).ReadJsonAsync();
        await UntilNotificationAsync(app, created, "sent");
        var unknown = await (await app.PostAsync("/api/meetings", new { hosts = 1, expert = new { email = unknownExpert } })).ReadJsonAsync();
        var failed = await UntilNotificationAsync(app, unknown, "failed");

        using var stand = new HttpClient { BaseAddress = app.Host.StandIns!.BaseAddress };
        var messages = JsonDocument.Parse(await stand.GetStringAsync(new Uri("messages", UriKind.Relative))).RootElement;
        var message = Assert.Single(messages.EnumerateArray(), m => m.GetProperty("to").GetString() == "toPersonEmail " + _expertEmail);
        Assert.Contains(created.GetProperty("hostUrl").GetString()!, message.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Webex!.Messages, m => m.To.Contains(unknownExpert, StringComparison.Ordinal));
        Assert.StartsWith("HTTP 404", failed.GetProperty("expertNotification").GetProperty("lastError").GetString(), StringComparison.Ordinal);

        // The stand-in is the development host's: the app itself has no sandbox route.
        await AssertNoRouteAsync(await app.GetAsync("/api/sandbox/messages"));
    }

    [Fact]
    public async Task A_messages_api_of_ones_own_gets_the_messages_and_the_stand_in_none()
    {
        var (app, webex) = await StartWithWebexAsync();

        var created = await (await app.PostAsync("/api/meetings", Create("CASE-EXP-9"))).ReadJsonAsync();
        await UntilNotificationAsync(app, created, "sent");

        var message = Assert.Single(webex.Delivered);
        Assert.Contains(created.GetProperty("hostUrl").GetString()!, message["text"]!.GetValue<string>(), StringComparison.Ordinal);
        using var stand = new HttpClient { BaseAddress = app.Host.StandIns!.BaseAddress };
        Assert.Equal(HttpStatusCode.NotFound, (await stand.GetAsync(new Uri("messages", UriKind.Relative))).StatusCode);
    }

    private object Create(string reference) => new
    {
        reference,
        subject = "Video visit",
        customer = new { phone = Phone, name = "Jane Doe", channel = "whatsapp" },
        expert = new { email = _expertEmail },
    };

    /// <summary>The app whose messages go to the shared fake Webex (the expert-answer tests' too), and this test's expert's mailbox there.</summary>
    private async Task<(AppHost App, FakeWebex.Recipient Webex)> StartWithWebexAsync()
    {
        var webex = await SharedWebex.Value;
        var app = await SharedAppAsync(WebexAndConnectApp.Configuration, await WebexAndConnectApp.SettingsAsync());
        return (app, Scripted(webex.For(_expertEmail)));
    }

    private static async Task<int> QueuedAsync(AppHost app)
    {
        var queue = new QueueClient(app.Host.Settings["AzureWebJobsStorage"], NotificationQueueFunctions.QueueName);
        return await queue.ExistsAsync() ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;
    }

    private static async Task<JsonElement> UntilNotificationAsync(AppHost app, JsonElement created, string status, int? attempts = null)
    {
        var id = created.GetProperty("meetingId").GetString()!;
        JsonElement record = default;
        await Eventually.UntilAsync(async () =>
        {
            record = await app.ReadRecordAsync(id);
            return record.GetProperty("expertNotification") is { ValueKind: JsonValueKind.Object } n && n.GetProperty("status").GetString() == status
                && (attempts is null || (n.GetProperty("attempts").GetInt32() == attempts && n.GetProperty("lastError").ValueKind == JsonValueKind.String));
        }, Bound, $"the expert's message of {id} to be {status}");
        return record;
    }
}
