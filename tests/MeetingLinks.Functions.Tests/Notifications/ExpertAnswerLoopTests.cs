using System.Net.Http.Json;
using System.Text.Json;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Notifications;

/// <summary>
/// The whole loop with the development host's stand-ins and no accounts: the webhook registered at the Webex stand-in,
/// the expert's message, a button pressed on it (the stand-in's signed call back to the app), the reply in the thread
/// and the event at the Connect stand-in.
/// </summary>
public sealed class ExpertAnswerLoopTests(AzuriteFixture azurite, ITestOutputHelper output) : HostSuite(azurite, output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_pressed_button_on_the_stand_in_reaches_the_connect_stand_in_and_the_thread()
    {
        var app = await AppAsync();
        var registered = await (await app.PostAsync("/api/webex/webhooks", null, key: TestSecrets.OpsKey)).ReadJsonAsync();
        Assert.Equal(new Uri(app.Host.BaseAddress, "api/webex/events").AbsoluteUri, registered.GetProperty("targetUrl").GetString());

        var expert = $"dr.loop.{Guid.NewGuid():N}@clinic.example";
        var meetingId = await app.CreateMeetingAsync(new { reference = "CASE-LOOP", customer = new { phone = "+15550105001", channel = "whatsapp" }, expert = new { email = expert } });
        var record = await UntilAsync(app, meetingId, r => r.GetProperty("expertNotification").GetProperty("status").GetString() == "sent");
        var messageId = record.GetProperty("expertNotification").GetProperty("messageId").GetString()!;

        using var standIns = new HttpClient { BaseAddress = app.Host.StandIns!.BaseAddress };
        var pressed = await standIns.PostAsync(new Uri($"messages/{messageId}/press?answer=joining&personId=sandbox-person-ana-ruiz", UriKind.Relative), null);
        var calls = (await pressed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("calls");
        Assert.All(calls.EnumerateArray(), call => Assert.Equal(200, call.GetProperty("status").GetInt32()));

        record = await UntilAsync(app, meetingId, r => r.GetProperty("flowEvents") is { ValueKind: JsonValueKind.Array } e && e.GetArrayLength() == 1
            && e[0].GetProperty("status").GetString() == "sent");
        Assert.Equal(("joining", "Ana Ruiz"), (record.GetProperty("expertResponse").GetProperty("answer").GetString(),
            record.GetProperty("expertResponse").GetProperty("personName").GetString()));
        var heard = Assert.Single(app.Host.StandIns.Connect.Events, e => e.Body?["meetingId"]?.GetValue<string>() == meetingId);
        Assert.Equal("expert.joining", heard.Body!["event"]!.GetValue<string>());
        await Eventually.UntilAsync(() => Task.FromResult(app.Webex!.Messages.Any(m => m.ParentId == messageId)), Bound, "the reply in the card's thread");
        Assert.Contains("Ana Ruiz", app.Webex!.Messages.Single(m => m.ParentId == messageId).Markdown, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> UntilAsync(AppHost app, string meetingId, Func<JsonElement, bool> done)
    {
        JsonElement record = default;
        await Eventually.UntilAsync(async () => done(record = await app.ReadRecordAsync(meetingId)), Bound, $"meeting {meetingId} to get there");
        return record;
    }
}
