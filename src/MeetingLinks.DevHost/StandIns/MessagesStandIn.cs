using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MeetingLinks.DevHost.StandIns;

/// <param name="To">The field and address the message was sent to, as the bot would have sent it.</param>
public sealed record SandboxMessage(string Id, string To, string Markdown, string Text, JsonNode? Card, DateTimeOffset ReceivedAt);

/// <summary>
/// Webex's <c>POST /v1/messages</c>, for the expert's messages: checks what Webex would (a bearer token, exactly one
/// recipient, text), answers 404 for addresses that say they are unknown (<c>unknown@…</c>, ids starting
/// <c>unknown</c>), can be slowed down or made to fail, and keeps the last 200 messages for a person to look at.
/// </summary>
public sealed class MessagesStandIn
{
    private const int Kept = 200;
    private static readonly string[] RecipientFields = ["toPersonEmail", "toPersonId", "roomId"];

    private readonly ConcurrentQueue<SandboxMessage> messages = new();
    private readonly StandInOptions options;

    internal MessagesStandIn(StandInOptions options) => this.options = options;

    /// <summary>What each expert would have received, oldest first.</summary>
    public IReadOnlyList<SandboxMessage> Messages => [.. messages];

    internal async Task<IResult> HandleAsync(HttpRequest request)
    {
        if (await Mishap.DelayThenFailsAsync(options.MessagesLatency, options.MessagesFailureRate, request.HttpContext.RequestAborted))
        {
            return Answer(StatusCodes.Status503ServiceUnavailable, "Sandbox: injected failure (Sandbox__MessagesFailureRate).");
        }

        if (!request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Answer(StatusCodes.Status401Unauthorized, "The request requires a valid access token set in the Authorization request header.");
        }

        JsonObject? body;
        try
        {
            body = (await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted))?.AsObject();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            body = null;
        }

        var recipients = RecipientFields.Where(f => body?[f] is not null).ToList();
        if (body is null || recipients.Count != 1 || body["markdown"] is null || body["text"] is null)
        {
            return Answer(StatusCodes.Status400BadRequest, "Exactly one of toPersonEmail, toPersonId or roomId, and text, are required.");
        }

        var address = body[recipients[0]]!.GetValue<string>();
        if (address.StartsWith("unknown", StringComparison.OrdinalIgnoreCase))
        {
            return Answer(StatusCodes.Status404NotFound, "Sandbox: no such person or space.");
        }

        var id = "sandbox-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        messages.Enqueue(new SandboxMessage(id, $"{recipients[0]} {address}", body["markdown"]!.GetValue<string>(), body["text"]!.GetValue<string>(),
            body["attachments"]?[0]?["content"]?.DeepClone(), DateTimeOffset.UtcNow));
        while (messages.Count > Kept && messages.TryDequeue(out _))
        {
        }

        return Results.Text(new JsonObject { ["id"] = id }.ToJsonString(), "application/json");
    }

    private static IResult Answer(int status, string message)
        => Results.Text(new JsonObject { ["message"] = message }.ToJsonString(), "application/json", statusCode: status);
}
