using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.Notifications;

/// <summary>
/// The settings of an app whose messages go to a fake Webex and whose events go to a fake Connect Inbound Webhook, one app
/// for the suites of the expert's message and of the expert's answer: each test writes to an expert and a meeting of its
/// own, so none sees another's messages or events. A failed send is tried again at once: the retries, not the waits
/// between them, are under test.
/// </summary>
internal static class WebexAndConnectApp
{
    public const string Configuration = "fake-webex-and-connect";

    public static readonly Uri WebhookUrl = new("https://meetings.example/api/webex/events");

    public static readonly Lazy<Task<FakeWebex>> Webex = new(FakeWebex.StartAsync);

    public static readonly Lazy<Task<FakeConnect>> Connect = new(FakeConnect.StartAsync);

    public static async Task<Dictionary<string, string?>> SettingsAsync() => new()
    {
        ["Webex:ApiBaseUrl"] = (await Webex.Value).Url.ToString(),
        ["Webex:WebhookSecret"] = TestSecrets.WebhookSecret,
        ["Webex:WebhookUrl"] = WebhookUrl.AbsoluteUri,
        ["Connect:EventsUrl"] = (await Connect.Value).EventsUrl.ToString(),
        ["Connect:ServiceKey"] = TestSecrets.ConnectServiceKey,
        ["Connect:EventsSecret"] = TestSecrets.ConnectEventsSecret,
        ["Notifications:RetryBackOff"] = "00:00:00",
    };
}
