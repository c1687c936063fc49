using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>
/// A stand-in for Webex's messages API on a loopback port (<c>POST /v1/messages</c>), independent of the development
/// host's own. Each recipient (the <c>toPersonEmail</c>, <c>toPersonId</c> or <c>roomId</c> of a message) has a mailbox
/// of its own (<see cref="For"/>), so tests that share one app and one fake never see each other's messages: it records
/// every request and answers from the recipient's script, then accepts with ids <c>msg-1</c>, <c>msg-2</c>…
/// </summary>
public sealed class FakeWebex : IAsyncDisposable
{
    private static readonly string[] RecipientFields = ["toPersonEmail", "toPersonId", "roomId"];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Recipient> _recipients = new(StringComparer.Ordinal);

    private FakeWebex(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<FakeWebex> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var webex = new FakeWebex(app);
        app.MapPost("/v1/messages", webex.HandleAsync);
        await app.StartAsync();
        webex.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return webex;
    }

    /// <summary>The mailbox of one recipient: its script, and what the app sent to it.</summary>
    public Recipient For(string address) => _recipients.GetOrAdd(address, _ => new Recipient());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
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

    public sealed class Recipient : IScriptedStandIn
    {
        private readonly ConcurrentQueue<(int Status, string? RetryAfter, string Body)> _script = new();
        private int _accepted;

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
                    : (200, null, $$"""{"id":"msg-{{++_accepted}}"}""");
                Requests.Enqueue((body, authorization, answer.Item1));
                return answer;
            }
        }
    }
}
