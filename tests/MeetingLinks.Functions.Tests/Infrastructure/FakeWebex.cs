using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>
/// A stand-in for Webex's messages API on a loopback port (<c>POST /v1/messages</c>), independent of the development
/// host's own. Each recipient (the <c>toPersonEmail</c>, <c>toPersonId</c> or <c>roomId</c> of a message) has a mailbox
/// of its own (<see cref="For"/>), so tests that share one app and one fake never see each other's messages: it records
/// every request and answers from the recipient's script, then accepts with ids <c>msg-1-r</c>, <c>msg-2-r</c>… (<c>r</c> the recipient's number) A reply in a
/// thread goes to its space's mailbox. It also keeps webhooks (<c>/v1/webhooks</c>), answers for the attachment actions a
/// test puts there (<c>GET /v1/attachment/actions/{id}</c>, counting the reads) and for people (<c>GET /v1/people/{id}</c>).
/// </summary>
public sealed class FakeWebex : IAsyncDisposable
{
    private static readonly string[] RecipientFields = ["toPersonEmail", "toPersonId", "roomId"];

    private LoopbackServer _server = null!;
    private readonly ConcurrentDictionary<string, Recipient> _recipients = new(StringComparer.Ordinal);
    private int _recipientCount;
    private readonly ConcurrentDictionary<string, JsonObject> _actions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _webhooks = new(StringComparer.Ordinal);
    private int _actionReads;
    private int _webhookIds;

    /// <summary>How often the app read an attachment action.</summary>
    public int ActionReads => _actionReads;

    /// <summary>The webhooks as Webex would hold them.</summary>
    public IReadOnlyList<JsonObject> Webhooks => [.. _webhooks.Values];

    /// <summary>A pressed button as Webex would keep it: the message it was on, who pressed it, the button's data.</summary>
    public void AddAction(string id, string messageId, string personId, string roomId, JsonObject inputs)
        => _actions[id] = new JsonObject
        {
            ["id"] = id, ["type"] = "submit", ["messageId"] = messageId, ["personId"] = personId, ["roomId"] = roomId, ["inputs"] = inputs,
        };

    /// <summary>A webhook that was there before the app registered its own.</summary>
    public void AddWebhook(string name, string targetUrl, string resource = "attachmentActions")
    {
        var id = $"wh-{Interlocked.Increment(ref _webhookIds)}";
        _webhooks[id] = new JsonObject { ["id"] = id, ["name"] = name, ["targetUrl"] = targetUrl, ["resource"] = resource, ["event"] = "created", ["status"] = "inactive" };
    }

    public Uri Url => _server.Url;

    public static async Task<FakeWebex> StartAsync()
    {
        var webex = new FakeWebex();
        webex._server = await LoopbackServer.StartAsync(webex.Map);
        return webex;
    }

    /// <summary>The mailbox of one recipient: its script, and what the app sent to it.</summary>
    public Recipient For(string address) => _recipients.GetOrAdd(address, _ => new Recipient(Interlocked.Increment(ref _recipientCount)));

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private void Map(WebApplication app)
    {
        app.MapPost("/v1/messages", HandleAsync);
        app.MapGet("/v1/attachment/actions/{id}", (string id) =>
        {
            Interlocked.Increment(ref _actionReads);
            return _actions.TryGetValue(id, out var action) ? Results.Json(action) : Results.Json(new { message = "not found" }, statusCode: 404);
        });
        app.MapGet("/v1/people/{id}", (string id) => Results.Json(new { id, displayName = "Dr " + id }));
        app.MapGet("/v1/webhooks", () => Results.Json(new JsonObject { ["items"] = new JsonArray([.. _webhooks.Values.Select(w => (JsonNode)w.DeepClone())]) }));
        app.MapPost("/v1/webhooks", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            var id = $"wh-{Interlocked.Increment(ref _webhookIds)}";
            body["id"] = id;
            body["status"] = "active";
            _webhooks[id] = body;
            return Results.Json(body);
        });
        app.MapPut("/v1/webhooks/{id}", async (HttpRequest request, string id) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            if (!_webhooks.TryGetValue(id, out var webhook))
            {
                return Results.Json(new { message = "not found" }, statusCode: 404);
            }

            foreach (var field in new[] { "name", "targetUrl", "secret", "status" })
            {
                webhook[field] = body[field]?.DeepClone();
            }

            return Results.Json(webhook);
        });
        app.MapDelete("/v1/webhooks/{id}", (string id) => _webhooks.TryRemove(id, out _) ? Results.NoContent() : Results.NotFound());
    }

    private async Task HandleAsync(HttpContext context)
    {
        // As a plain stand-in would: a sized JSON body, or no message.
        if (context.Request.ContentLength is null || context.Request.ContentType != "application/json")
        {
            context.Response.StatusCode = StatusCodes.Status411LengthRequired;
            return;
        }

        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var address = RecipientFields.Select(f => body[f]?.GetValue<string>()).FirstOrDefault(a => a is not null) ?? "";
        var (status, retryAfter, answer) = For(address).Answer(body, context.Request.Headers.Authorization.ToString());
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer);
    }

    public sealed class Recipient(int number) : IScriptedStandIn
    {
        private readonly ConcurrentQueue<(int Status, string? RetryAfter, string Body)> _script = new();
        private int _accepted;

        /// <summary>The id Webex gives the <paramref name="nth"/> message it accepts here: unique across recipients, as Webex's are.</summary>
        public string MessageId(int nth) => $"msg-{nth}-{number}";

        /// <summary>Every message the app tried to send here, in order, with the answer it got.</summary>
        public ConcurrentQueue<(JsonObject Body, string Authorization, int Status)> Requests { get; } = new();

        /// <summary>The bodies Webex accepted: what the expert actually received.</summary>
        public IReadOnlyList<JsonObject> Delivered => [.. Requests.Where(r => r.Status == 200).Select(r => r.Body)];

        public int ScriptedLeft => _script.Count;

        /// <summary>The next message here gets this answer instead of being accepted.</summary>
        public void Next(int status, string? retryAfter = null, string body = """{"message":"scripted","trackingId":"fake"}""")
            => _script.Enqueue((status, retryAfter, body));

        internal (int Status, string? RetryAfter, string Body) Answer(JsonObject body, string authorization)
        {
            lock (_script)
            {
                var answer = _script.TryDequeue(out var scripted)
                    ? scripted
                    : (200, null, $$"""{"id":"{{MessageId(++_accepted)}}"}""");
                Requests.Enqueue((body, authorization, answer.Item1));
                return answer;
            }
        }
    }
}
