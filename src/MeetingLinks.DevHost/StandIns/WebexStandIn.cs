using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MeetingLinks.DevHost.StandIns;

/// <param name="To">The field and address the message was sent to, as the bot would have sent it.</param>
/// <param name="ParentId">For a reply in a thread, the message it answers.</param>
public sealed record SandboxMessage(string Id, string To, string Markdown, string Text, JsonNode? Card, DateTimeOffset ReceivedAt, string RoomId, string? ParentId = null);

/// <summary>A pressed card button, as Webex keeps it: the message it was on, who pressed it, the button's data.</summary>
public sealed record SandboxAction(string Id, string MessageId, string PersonId, string RoomId, JsonObject Inputs, DateTimeOffset Created);

/// <summary>
/// Webex's REST API as far as the app uses it. <c>POST /v1/messages</c> checks what Webex would (a bearer token,
/// exactly one recipient, text), answers 404 for addresses that say they are unknown (<c>unknown@…</c>, ids starting
/// <c>unknown</c>), can be slowed down or made to fail, and keeps the last 200 messages for a person to look at; a
/// reply (<c>roomId</c> and <c>parentId</c>) goes into the thread. <c>/v1/webhooks</c> keeps webhooks,
/// <c>/v1/attachment/actions/{id}</c> and <c>/v1/people/{id}</c> answer for pressed buttons, and
/// <see cref="PressAsync"/> plays an expert pressing a button: the action, then Webex's signed call to every webhook
/// for it.
/// </summary>
public sealed class WebexStandIn
{
    private const int Kept = 200;
    private static readonly string[] RecipientFields = ["toPersonEmail", "toPersonId", "roomId"];

    private readonly ConcurrentQueue<SandboxMessage> messages = new();
    private readonly ConcurrentDictionary<string, SandboxAction> actions = new();
    private readonly ConcurrentDictionary<string, JsonObject> webhooks = new();
    private readonly StandInOptions options;
    // Webex calls webhooks from outside; this calls the app's own address, never through a proxy.
    private static readonly HttpClient Caller = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    internal WebexStandIn(StandInOptions options) => this.options = options;

    /// <summary>What each expert would have received, oldest first, replies included.</summary>
    public IReadOnlyList<SandboxMessage> Messages => [.. messages];

    /// <summary>The webhooks the app registered.</summary>
    public IReadOnlyList<JsonObject> Webhooks => [.. webhooks.Values];

    internal async Task<IResult> HandleAsync(HttpRequest request)
    {
        if (await Mishap.DelayThenFailsAsync(options.MessagesLatency, options.MessagesFailureRate, request.HttpContext.RequestAborted))
        {
            return Answer(StatusCodes.Status503ServiceUnavailable, "Sandbox: injected failure (Sandbox__MessagesFailureRate).");
        }

        if (Unauthorized(request) is { } denied)
        {
            return denied;
        }

        var body = await ReadAsync(request);
        var recipients = RecipientFields.Where(f => body?[f] is not null).ToList();
        if (body is null || recipients.Count != 1 || (body["markdown"] is null && body["text"] is null))
        {
            return Answer(StatusCodes.Status400BadRequest, "Exactly one of toPersonEmail, toPersonId or roomId, and text or markdown, are required.");
        }

        var address = body[recipients[0]]!.GetValue<string>();
        if (address.StartsWith("unknown", StringComparison.OrdinalIgnoreCase))
        {
            return Answer(StatusCodes.Status404NotFound, "Sandbox: no such person or space.");
        }

        var parentId = body["parentId"]?.GetValue<string>();
        if (parentId is not null && messages.All(m => m.Id != parentId))
        {
            return Answer(StatusCodes.Status400BadRequest, "Sandbox: no such parent message.");
        }

        var id = NewId("message");
        var roomId = recipients[0] == "roomId" ? address : "sandbox-direct-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address)))[..12];
        messages.Enqueue(new SandboxMessage(id, $"{recipients[0]} {address}", body["markdown"]?.GetValue<string>() ?? "", body["text"]?.GetValue<string>() ?? "",
            body["attachments"]?[0]?["content"]?.DeepClone(), DateTimeOffset.UtcNow, roomId, parentId));
        while (messages.Count > Kept && messages.TryDequeue(out _))
        {
        }

        return Json(new JsonObject { ["id"] = id, ["roomId"] = roomId, ["parentId"] = parentId });
    }

    internal IResult GetAction(HttpRequest request, string id)
        => Unauthorized(request) ?? (actions.TryGetValue(id, out var action)
            ? Json(new JsonObject
            {
                ["id"] = action.Id,
                ["type"] = "submit",
                ["messageId"] = action.MessageId,
                ["personId"] = action.PersonId,
                ["roomId"] = action.RoomId,
                ["inputs"] = action.Inputs.DeepClone(),
                ["created"] = action.Created,
            })
            : Answer(StatusCodes.Status404NotFound, "Sandbox: no such action."));

    internal static IResult GetPerson(HttpRequest request, string id)
        => Unauthorized(request) ?? Json(new JsonObject { ["id"] = id, ["displayName"] = DisplayName(id) });

    internal IResult ListWebhooks(HttpRequest request)
        => Unauthorized(request) ?? Json(new JsonObject { ["items"] = new JsonArray([.. webhooks.Values.Select(w => (JsonNode)w.DeepClone())]) });

    internal async Task<IResult> SaveWebhookAsync(HttpRequest request, string? id)
    {
        if (Unauthorized(request) is { } denied)
        {
            return denied;
        }

        var body = await ReadAsync(request);
        if (body?["name"] is null || body["targetUrl"] is null || (id is null && (body["resource"] is null || body["event"] is null)))
        {
            return Answer(StatusCodes.Status400BadRequest, "name, targetUrl, resource and event are required.");
        }

        if (id is not null && !webhooks.ContainsKey(id))
        {
            return Answer(StatusCodes.Status404NotFound, "Sandbox: no such webhook.");
        }

        var saved = id is null ? new JsonObject { ["id"] = NewId("webhook"), ["resource"] = body["resource"]!.DeepClone(), ["event"] = body["event"]!.DeepClone() } : webhooks[id];
        saved["name"] = body["name"]!.DeepClone();
        saved["targetUrl"] = body["targetUrl"]!.DeepClone();
        saved["secret"] = body["secret"]?.DeepClone();
        saved["status"] = "active";
        webhooks[saved["id"]!.GetValue<string>()] = saved;
        return Json(saved);
    }

    internal IResult DeleteWebhook(HttpRequest request, string id)
        => Unauthorized(request) ?? (webhooks.TryRemove(id, out _) ? Results.NoContent() : Answer(StatusCodes.Status404NotFound, "Sandbox: no such webhook."));

    /// <summary>
    /// An expert pressing the button of <paramref name="answer"/> on message <paramref name="messageId"/>: the action
    /// with the button's data, then Webex's call, signed with each webhook's secret, to every webhook for pressed buttons.
    /// Says what each webhook answered.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "Webex signs its webhook calls with HMAC-SHA1.")]
    public async Task<IResult> PressAsync(string messageId, string answer, string? personId, CancellationToken cancellationToken)
    {
        var message = messages.FirstOrDefault(m => m.Id == messageId);
        var button = (message?.Card?["actions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(a => a["type"]?.GetValue<string>() == "Action.Submit" && a["data"]?["answer"]?.GetValue<string>() == answer);
        if (message is null || button?["data"] is not JsonObject data)
        {
            return Answer(StatusCodes.Status404NotFound, $"Sandbox: no message {messageId} with a button for '{answer}'.");
        }

        var targets = webhooks.Values.Where(w => w["resource"]?.GetValue<string>() == "attachmentActions" && w["event"]?.GetValue<string>() == "created").ToList();
        if (targets.Count == 0)
        {
            return Answer(StatusCodes.Status409Conflict, "Sandbox: no webhook for pressed buttons; register it with POST /api/webex/webhooks (ops key).");
        }

        var action = new SandboxAction(NewId("action"), messageId, personId ?? "sandbox-person-expert", message.RoomId, (JsonObject)data.DeepClone(), DateTimeOffset.UtcNow);
        actions[action.Id] = action;
        var results = new JsonArray();
        foreach (var webhook in targets)
        {
            var call = new JsonObject
            {
                ["id"] = webhook["id"]!.DeepClone(),
                ["name"] = webhook["name"]!.DeepClone(),
                ["resource"] = "attachmentActions",
                ["event"] = "created",
                ["actorId"] = action.PersonId,
                ["data"] = new JsonObject
                {
                    ["id"] = action.Id, ["type"] = "submit", ["messageId"] = action.MessageId, ["personId"] = action.PersonId, ["roomId"] = action.RoomId,
                    ["created"] = action.Created,
                },
            };
            var bytes = Encoding.UTF8.GetBytes(call.ToJsonString());
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook["targetUrl"]!.GetValue<string>()) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (webhook["secret"]?.GetValue<string>() is { Length: > 0 } secret)
            {
                request.Headers.Add("X-Spark-Signature", Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), bytes)));
            }

            try
            {
                using var response = await Caller.SendAsync(request, cancellationToken);
                results.Add(new JsonObject { ["webhook"] = webhook["id"]!.DeepClone(), ["status"] = (int)response.StatusCode, ["answer"] = await response.Content.ReadAsStringAsync(cancellationToken) });
            }
            catch (HttpRequestException ex)
            {
                results.Add(new JsonObject { ["webhook"] = webhook["id"]!.DeepClone(), ["error"] = ex.Message });
            }
        }

        return Json(new JsonObject { ["action"] = action.Id, ["calls"] = results });
    }

    /// <summary>A readable name for a sandbox person id.</summary>
    public static string DisplayName(string personId) => personId.StartsWith("sandbox-person-", StringComparison.Ordinal)
        ? string.Join(' ', personId["sandbox-person-".Length..].Split('-').Select(p => p.Length > 0 ? char.ToUpperInvariant(p[0]) + p[1..] : p))
        : "Sandbox Person";

    private static IResult? Unauthorized(HttpRequest request)
        => request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
            ? null
            : Answer(StatusCodes.Status401Unauthorized, "The request requires a valid access token set in the Authorization request header.");

    private static async Task<JsonObject?> ReadAsync(HttpRequest request)
    {
        try
        {
            return (await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted)) as JsonObject;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string NewId(string kind) => $"sandbox-{kind}-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");

    private static IResult Answer(int status, string message)
        => Results.Text(new JsonObject { ["message"] = message }.ToJsonString(), "application/json", statusCode: status);
}
