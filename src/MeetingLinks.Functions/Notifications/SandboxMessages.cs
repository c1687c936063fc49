using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingLinks.InstantConnect;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Notifications;

/// <summary>What each expert would have received from the sandbox's stand-in for Webex, newest last.</summary>
public sealed class SandboxMailbox
{
    private const int Kept = 200;

    private readonly ConcurrentQueue<SandboxMessage> _messages = new();

    public IReadOnlyList<SandboxMessage> Messages => [.. _messages];

    internal void Add(SandboxMessage message)
    {
        _messages.Enqueue(message);
        while (_messages.Count > Kept && _messages.TryDequeue(out _))
        {
        }
    }
}

/// <param name="To">The field and address the message was sent to, as the bot would have sent it.</param>
public sealed record SandboxMessage(string Id, string To, string Markdown, string Text, JsonNode? Card, DateTimeOffset ReceivedAt);

/// <summary>
/// A stand-in for Webex's messages API at the transport level, as the sandbox broker is for Instant Connect: the
/// production client runs above it. It checks what Webex would (a bearer token, exactly one recipient, text), answers
/// 404 for addresses that say they are unknown (<c>unknown@…</c>, ids starting <c>unknown</c>), and can be slowed down
/// or made to fail (<c>Sandbox__MessagesLatency</c>, <c>Sandbox__MessagesFailureRate</c>).
/// </summary>
public sealed class SandboxMessagesHandler(SandboxMailbox mailbox, IOptions<SandboxOptions> options, TimeProvider time) : HttpMessageHandler
{
    private static readonly string[] RecipientFields = ["toPersonEmail", "toPersonId", "roomId"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (await SandboxMishap.DelayThenFailsAsync(settings.MessagesLatency, settings.MessagesFailureRate, time, cancellationToken))
        {
            return Answer(HttpStatusCode.ServiceUnavailable, """{"message":"Sandbox: injected failure (Sandbox__MessagesFailureRate)."}""");
        }

        if (request.Method != HttpMethod.Post || request.Headers.Authorization is not { Scheme: "Bearer", Parameter.Length: > 0 })
        {
            return Answer(HttpStatusCode.Unauthorized, """{"message":"The request requires a valid access token set in the Authorization request header."}""");
        }

        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))?.AsObject();
        var recipients = RecipientFields.Where(f => body?[f] is not null).ToList();
        if (body is null || recipients.Count != 1 || body["markdown"] is null || body["text"] is null)
        {
            return Answer(HttpStatusCode.BadRequest, """{"message":"Exactly one of toPersonEmail, toPersonId or roomId, and text, are required."}""");
        }

        var address = body[recipients[0]]!.GetValue<string>();
        if (address.StartsWith("unknown", StringComparison.OrdinalIgnoreCase))
        {
            return Answer(HttpStatusCode.NotFound, """{"message":"Sandbox: no such person or space."}""");
        }

        var id = "sandbox-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        mailbox.Add(new SandboxMessage(id, $"{recipients[0]} {address}", body["markdown"]!.GetValue<string>(), body["text"]!.GetValue<string>(),
            body["attachments"]?[0]?["content"]?.DeepClone(), time.GetUtcNow()));
        return Answer(HttpStatusCode.OK, JsonSerializer.Serialize(new JsonObject { ["id"] = id }));
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string json)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
