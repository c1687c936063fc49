using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.Notifications;

/// <summary>An expert pressing a card's button, as Webex plays it: the attachment action, then its signed webhook call to the app.</summary>
internal static class WebexButtons
{
    public const string WebhookName = "Meeting links: the expert's answers";

    /// <summary>The action of <paramref name="personId"/> pressing <paramref name="answer"/> on message <paramref name="messageId"/>; its id.</summary>
    public static string Press(FakeWebex webex, string meetingId, string messageId, string answer, string personId = "person-expert", string? roomId = null)
    {
        var actionId = $"action-{Guid.NewGuid():N}";
        webex.AddAction(actionId, messageId, personId, roomId ?? "room-of-" + meetingId, new JsonObject { ["meetingId"] = meetingId, ["answer"] = answer });
        return actionId;
    }

    /// <summary>Presses the button and sends Webex's signed call; the app's answer (<c>outcome</c>: recorded, unchanged, ignored).</summary>
    public static async Task<JsonElement> PressAsync(
        AppHost app, FakeWebex webex, string meetingId, string messageId, string answer, string personId = "person-expert", string? roomId = null)
    {
        var call = Call(Press(webex, meetingId, messageId, answer, personId, roomId));
        return await (await PostCallAsync(app, call, Sign(call, TestSecrets.WebhookSecret))).ReadJsonAsync();
    }

    /// <summary>Webex's webhook call for a pressed button.</summary>
    public static string Call(string actionId) => new JsonObject
    {
        ["id"] = "wh-1",
        ["name"] = WebhookName,
        ["resource"] = "attachmentActions",
        ["event"] = "created",
        ["data"] = new JsonObject { ["id"] = actionId, ["type"] = "submit", ["messageId"] = "m", ["personId"] = "p", ["roomId"] = "r" },
    }.ToJsonString();

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "Webex signs its webhook calls with HMAC-SHA1.")]
    public static string Sign(string body, string secret)
        => Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static Task<HttpResponseMessage> PostCallAsync(AppHost app, string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webex/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("X-Spark-Signature", signature);
        }

        return app.SendAsync(request, key: null);
    }
}
