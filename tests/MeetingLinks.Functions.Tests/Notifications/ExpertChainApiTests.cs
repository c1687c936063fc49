using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using MeetingLinks.Notifications;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Notifications;

/// <summary>
/// A chain of experts on the real worker, with independent doubles of Webex and of Connect's Inbound Webhook. Each expert
/// waits <c>Experts__AnswerWithin</c> = 3 s here (a request may not ask for less than 15 s). Each test has experts and a
/// meeting of its own. In the fake Webex every expert has a mailbox: their cards and the notes left in the cards' threads.
/// </summary>
public sealed class ExpertChainApiTests(AzuriteFixture azurite, ITestOutputHelper output) : HostSuite(azurite, output)
{
    private const string Phone = "+15550105001";
    private const string HostileName = "Ada *bold* [x](http://evil.example)";
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);
    private static readonly Lazy<Task<FakeWebex>> SharedWebex = new(FakeWebex.StartAsync);
    private static readonly Lazy<Task<FakeConnect>> SharedConnect = new(FakeConnect.StartAsync);

    private readonly string _ana = $"ana.{Guid.NewGuid():N}@clinic.example";
    private readonly string _ben = $"ben.{Guid.NewGuid():N}@clinic.example";
    private readonly string _reference = $"CHAIN-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task A_chain_of_two_passes_on_after_each_deadline_ends_unanswered_once_and_a_late_joining_on_the_first_card_still_wins()
    {
        var (app, webex, connect) = await StartAsync();
        var meetingId = await CreateAsync(app, answerWithin: null);

        // The first card, with the customer's name as the request gave it, where no renderer reads markdown.
        var first = await UntilAsync(app, meetingId, r => Step(r, 0).GetProperty("messageId").GetString() is not null);
        var anaCard = Step(first, 0).GetProperty("messageId").GetString()!;
        var card = webex.For(_ana).Delivered[0]["attachments"]![0]!["content"]!.ToJsonString();
        Assert.Contains($"\"type\":\"TextRun\",\"text\":\"{JsonEncodedText.Encode(HostileName + ", +15*******01, whatsapp")}\"", card, StringComparison.Ordinal);

        // Nobody joins within 3 s: Ben gets the card, Ana's thread is told, the flow hears nothing yet.
        var passed = await UntilAsync(app, meetingId, r => Outcomes(r) is ["timedOut", "waiting"] && Step(r, 1).GetProperty("messageId").GetString() is not null);
        Assert.Empty(connect.For(meetingId).Requests);
        Assert.Empty(passed.GetProperty("flowEvents").EnumerateArray());
        var note = await UntilAsync(() => webex.For(_ana).Delivered.FirstOrDefault(m => m["parentId"]?.GetValue<string>() == anaCard));
        Assert.Equal("Nobody joined within 3 s: the visit was passed on to email b***@clinic.example.", note["markdown"]!.GetValue<string>());

        // Nor Ben: the chain ends, and the flow hears it once.
        var ended = await UntilAsync(app, meetingId, r => Outcomes(r) is ["timedOut", "timedOut"] && FlowEvents(r) is [(_, "sent")]);
        Assert.Equal(["expert.unanswered"], connect.For(meetingId).Delivered.Select(e => e["event"]!.GetValue<string>()));
        Assert.Equal("email a***@clinic.example", ended.GetProperty("expertChain")[0].GetProperty("to").GetString());
        Assert.Contains(meetingId, await ListAsync(app, "unanswered"));

        // Ana presses "I'm joining" late, on her passed-on card: she takes the visit, and the flow hears it after.
        var late = await WebexButtons.PressAsync(app, webex, meetingId, anaCard, "joining", "person-ana");
        var taken = await UntilAsync(app, meetingId, r => FlowEvents(r) is [_, ("expert.joining", "sent")]);
        Assert.Equal("recorded", late.GetProperty("outcome").GetString());
        Assert.Equal(["joining", "timedOut"], Outcomes(taken));
        Assert.Equal("person-ana", taken.GetProperty("expertResponse").GetProperty("personId").GetString());
        Assert.Equal([("expert.unanswered", "email b***@clinic.example"), ("expert.joining", "email a***@clinic.example")],
            connect.For(meetingId).Delivered.Select(e => (e["event"]!.GetValue<string>(), e["expert"]!.GetValue<string>())));

        // Ben pressing it too changes nothing, and is told who is joining.
        var again = await WebexButtons.PressAsync(app, webex, meetingId, Step(taken, 1).GetProperty("messageId").GetString()!, "joining", "person-ben");
        Assert.Equal("unchanged", again.GetProperty("outcome").GetString());
        await UntilAsync(() => webex.For("room-of-" + meetingId).Delivered.FirstOrDefault(m => m["markdown"]!.GetValue<string>().StartsWith("Already answered", StringComparison.Ordinal)));
        Assert.Equal(2, connect.For(meetingId).Requests.Count);
        Assert.Contains(meetingId, await ListAsync(app, "joining"));
    }

    [Fact]
    public async Task A_decline_passes_on_at_once_a_joining_on_the_declined_card_takes_the_visit_and_stale_deadlines_change_nothing()
    {
        var (app, webex, connect) = await StartAsync();
        var meetingId = await CreateAsync(app, answerWithin: "PT15S");
        var anaCard = Step(await UntilAsync(app, meetingId, r => Step(r, 0).GetProperty("messageId").GetString() is not null), 0).GetProperty("messageId").GetString()!;

        var declined = await WebexButtons.PressAsync(app, webex, meetingId, anaCard, "declined", "person-ana");
        var passed = await UntilAsync(app, meetingId, r => Outcomes(r) is ["declined", "waiting"] && Step(r, 1).GetProperty("messageId").GetString() is not null);

        // Ben's card came at once, well before Ana's 15 s were up.
        Assert.Equal("recorded", declined.GetProperty("outcome").GetString());
        Assert.True(Step(passed, 1).GetProperty("sentAt").GetDateTimeOffset() < Step(passed, 0).GetProperty("sentAt").GetDateTimeOffset().AddSeconds(15));
        Assert.Empty(connect.For(meetingId).Requests);
        var benCard = Step(passed, 1).GetProperty("messageId").GetString()!;

        // Ana changes her mind: her "joining" takes the visit from Ben's waiting card, whose thread is told.
        await WebexButtons.PressAsync(app, webex, meetingId, anaCard, "joining", "person-ana");
        var taken = await UntilAsync(app, meetingId, r => Outcomes(r) is ["joining", "taken"] && FlowEvents(r) is [("expert.joining", "sent")]);
        var note = await UntilAsync(() => webex.For(_ben).Delivered.FirstOrDefault(m => m["parentId"]?.GetValue<string>() == benCard));
        Assert.Equal("The visit was taken: **Dr person\\-ana** is joining.", note["markdown"]!.GetValue<string>());
        Assert.NotNull(Step(taken, 1).GetProperty("endedAt").GetString());

        // Both steps' deadlines surface after their steps ended (as a late or repeated timer would): nothing happens.
        var queue = new QueueClient(app.Host.Settings["AzureWebJobsStorage"], NotificationQueueFunctions.QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        foreach (var step in new[] { "create", "create.1" })
        {
            await queue.SendMessageAsync(new NotificationMessage(meetingId, "deadline", step, DateTimeOffset.UtcNow).ToJson());
        }

        await Eventually.UntilAsync(() => Task.FromResult(Lines(app, $"Meeting {meetingId}: the deadline of step").Count == 2), Bound, "both deadlines to surface");
        Assert.All(Lines(app, $"Meeting {meetingId}: the deadline of step"), line => Assert.Contains("found the step ended; nothing to do", line, StringComparison.Ordinal));
        Assert.Equal(["joining", "taken"], Outcomes(await app.ReadRecordAsync(meetingId)));
        Assert.Single(connect.For(meetingId).Requests);
        Assert.Equal(2, webex.For(_ben).Requests.Count);
    }

    [Fact]
    public async Task A_card_that_cannot_be_sent_passes_on_at_once_and_the_last_decline_tells_the_flow_declined_once()
    {
        var (app, webex, connect) = await StartAsync();
        webex.For(_ana).Next(404, body: """{"message":"Could not find a person with the given email."}""");
        var meetingId = await CreateAsync(app, answerWithin: "PT15S");

        var passed = await UntilAsync(app, meetingId, r => Outcomes(r) is ["unreachable", "waiting"] && Step(r, 1).GetProperty("messageId").GetString() is not null);
        Assert.Empty(connect.For(meetingId).Requests);
        await WebexButtons.PressAsync(app, webex, meetingId, Step(passed, 1).GetProperty("messageId").GetString()!, "declined", "person-ben");

        var ended = await UntilAsync(app, meetingId, r => Outcomes(r) is ["unreachable", "declined"] && FlowEvents(r) is [("expert.declined", "sent")]);
        Assert.Equal(["expert.declined"], connect.For(meetingId).Delivered.Select(e => e["event"]!.GetValue<string>()));
        Assert.Equal(("declined", "person-ben"), (ended.GetProperty("expertResponse").GetProperty("answer").GetString(), ended.GetProperty("expertResponse").GetProperty("personId").GetString()));
        Assert.Contains(meetingId, await ListAsync(app, "declined"));
    }

    private async Task<(AppHost App, FakeWebex Webex, FakeConnect Connect)> StartAsync()
    {
        var (webex, connect) = (await SharedWebex.Value, await SharedConnect.Value);
        var app = await SharedAppAsync("expert-chain", new Dictionary<string, string?>
        {
            ["Experts:AnswerWithin"] = "PT3S",
            ["Webex:ApiBaseUrl"] = webex.Url.ToString(),
            ["Webex:WebhookSecret"] = TestSecrets.WebhookSecret,
            ["Webex:WebhookUrl"] = "https://meetings.example/api/webex/events",
            ["Connect:EventsUrl"] = connect.EventsUrl.ToString(),
            ["Connect:ServiceKey"] = TestSecrets.ConnectServiceKey,
            ["Connect:EventsSecret"] = TestSecrets.ConnectEventsSecret,
        });
        Scripted(webex.For(_ana));
        Scripted(webex.For(_ben));
        return (app, webex, connect);
    }

    /// <summary>A meeting whose chain asks Ana, then Ben; its id.</summary>
    private async Task<string> CreateAsync(AppHost app, string? answerWithin)
    {
        var body = new JsonObject
        {
            ["reference"] = _reference,
            ["customer"] = new JsonObject { ["phone"] = Phone, ["name"] = HostileName, ["channel"] = "whatsapp" },
            ["experts"] = new JsonArray(new JsonObject { ["email"] = _ana }, new JsonObject { ["email"] = _ben }),
        };
        if (answerWithin is not null)
        {
            body["answerWithin"] = answerWithin;
        }

        var created = await (await app.PostAsync("/api/meetings", body.ToJsonString(), idempotencyKey: $"wa-{Guid.NewGuid():N}")).ReadJsonAsync();
        return created.GetProperty("meetingId").GetString()!;
    }

    private static JsonElement Step(JsonElement record, int step) => record.GetProperty("expertChain")[step];

    private static string[] Outcomes(JsonElement record) => [.. record.GetProperty("expertChain").EnumerateArray().Select(s => s.GetProperty("outcome").GetString()!)];

    private static (string Event, string Status)[] FlowEvents(JsonElement record)
        => [.. record.GetProperty("flowEvents").EnumerateArray().Select(e => (e.GetProperty("event").GetString()!, e.GetProperty("status").GetString()!))];

    private static List<string> Lines(AppHost app, string containing) => [.. app.LogText.Split('\n').Where(l => l.Contains(containing, StringComparison.Ordinal))];

    private static async Task<JsonElement> UntilAsync(AppHost app, string meetingId, Func<JsonElement, bool> done)
    {
        JsonElement record = default;
        await Eventually.UntilAsync(async () => done(record = await app.ReadRecordAsync(meetingId)), Bound, $"meeting {meetingId} to get there");
        return record;
    }

    private static async Task<JsonObject> UntilAsync(Func<JsonObject?> find)
    {
        JsonObject? found = null;
        await Eventually.UntilAsync(() => Task.FromResult((found = find()) is not null), Bound, "the message to arrive");
        return found!;
    }

    private async Task<List<string>> ListAsync(AppHost app, string answer)
        => [.. (await (await app.GetAsync($"/api/meetings?reference={_reference}&expertResponse={answer}")).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("meetingId").GetString()!)];
}
