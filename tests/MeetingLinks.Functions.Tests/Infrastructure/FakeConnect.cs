using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>
/// A Webex Connect Inbound Webhook on a loopback port (<c>POST /events</c>), independent of the development host's. Each
/// meeting (the event's <c>meetingId</c>) has a mailbox of its own with a script of answers; unscripted events are taken
/// as Connect takes them (200, code 1002).
/// </summary>
public sealed class FakeConnect : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Mailbox> _meetings = new(StringComparer.Ordinal);
    private LoopbackServer _server = null!;

    public Uri EventsUrl => new(_server.Url, "events");

    public static async Task<FakeConnect> StartAsync()
    {
        var connect = new FakeConnect();
        connect._server = await LoopbackServer.StartAsync(app => app.MapPost("/events", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var raw = await reader.ReadToEndAsync();
            var body = JsonNode.Parse(raw)!.AsObject();
            var (status, answer) = connect.For(body["meetingId"]?.GetValue<string>() ?? "").Answer(
                body, raw, context.Request.Headers["key"].ToString(), context.Request.Headers["x-hub-signature"].ToString());
            return Results.Text(answer, "application/json", statusCode: status);
        }));
        return connect;
    }

    public Mailbox For(string meetingId) => _meetings.GetOrAdd(meetingId, _ => new Mailbox());

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    public sealed class Mailbox : IScriptedStandIn
    {
        private readonly ConcurrentQueue<(int Status, string Body)> _script = new();

        /// <summary>Every event the app posted for this meeting, with its headers and the answer it got.</summary>
        public ConcurrentQueue<(JsonObject Body, string Raw, string Key, string Signature, int Status)> Requests { get; } = new();

        public IReadOnlyList<JsonObject> Delivered => [.. Requests.Where(r => r.Status == 200).Select(r => r.Body)];

        public int ScriptedLeft => _script.Count;

        public void Next(int status, string body = """{"response":[{"code":"7000","description":"scripted"}]}""") => _script.Enqueue((status, body));

        internal (int Status, string Body) Answer(JsonObject body, string raw, string key, string signature)
        {
            lock (_script)
            {
                var answer = _script.TryDequeue(out var scripted) ? scripted : (200, """{"response":[{"code":"1002","description":"Queued"}]}""");
                Requests.Enqueue((body, raw, key, signature, answer.Item1));
                return answer;
            }
        }
    }
}
