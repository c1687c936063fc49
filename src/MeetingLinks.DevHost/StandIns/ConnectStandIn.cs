using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MeetingLinks.DevHost.StandIns;

/// <param name="Key">The <c>key</c> header (the Connect service's key), when sent.</param>
/// <param name="Signature">The <c>x-hub-signature</c> header, when sent.</param>
public sealed record ReceivedFlowEvent(JsonNode? Body, string? Key, string? Signature, DateTimeOffset ReceivedAt);

/// <summary>
/// A Webex Connect Inbound Webhook (<c>POST /connect/events</c>): answers as Connect does (200 with code 1002,
/// queued), refuses bodies over 256 KB, and keeps the last 200 events for a person to look at (<c>GET /connect/events</c>).
/// </summary>
public sealed class ConnectStandIn
{
    private const int Kept = 200;
    private const int MaxBodyBytes = 256 * 1024;

    private readonly ConcurrentQueue<ReceivedFlowEvent> events = new();

    /// <summary>What the flow would have heard, oldest first.</summary>
    public IReadOnlyList<ReceivedFlowEvent> Events => [.. events];

    internal async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
        {
            return Results.Text("""{"response":[{"code":"430","description":"Payload too large"}]}""", "application/json");
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(buffer.ToArray());
        }
        catch (System.Text.Json.JsonException)
        {
            return Results.Text("""{"response":[{"code":"7001","description":"Invalid JSON"}]}""", "application/json", statusCode: StatusCodes.Status400BadRequest);
        }

        events.Enqueue(new ReceivedFlowEvent(body, request.Headers["key"].FirstOrDefault(), request.Headers["x-hub-signature"].FirstOrDefault(), DateTimeOffset.UtcNow));
        while (events.Count > Kept && events.TryDequeue(out _))
        {
        }

        var transId = Guid.NewGuid().ToString("N");
        return Results.Text($$"""{"response":[{"code":"1002","description":"Queued","transid":"{{transId}}"}]}""", "application/json");
    }
}
