using System.Diagnostics.CodeAnalysis;

namespace MeetingLinks.Webex;

/// <summary>
/// Webex's webhook calls for pressed card buttons. A call counts only when it is signed with
/// <c>Webex__WebhookSecret</c>, its action is on an expert message this service sent for the meeting the button names,
/// and the answer is one the card offers; <see cref="ExpertChain"/> says what it changes. Every counted action gets a
/// reply in the card's thread, once, however often Webex sends the same call.
/// </summary>
public sealed class WebexEventsHandler(
    IMeetingStore store, WebexClient webex, ExpertChain chain, INotificationOutbox outbox,
    IOptions<WebexOptions> options, TimeProvider time, ILogger<WebexEventsHandler> logger)
{
    public const string SignatureHeader = "X-Spark-Signature";
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The <see cref="MeetingEvent.Source"/> of the expert's answers.</summary>
    public const string EventSource = "webex";

    /// <summary>The hex HMAC-SHA1 of the raw body with the webhook's secret, compared in constant time.</summary>
    [SuppressMessage("Security", "CA5350", Justification = "Webex signs its webhook calls with HMAC-SHA1; there is no other scheme to check.")]
    public bool IsSigned(string? signature, ReadOnlySpan<byte> body)
    {
        if (options.Value.WebhookSecret is not { Length: > 0 } secret || signature is not { Length: 40 })
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[20];
        Span<byte> expected = stackalloc byte[20];
        return Convert.FromHexString(signature, presented, out _, out var written) == System.Buffers.OperationStatus.Done && written == 20
            && HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body, expected) == 20
            && CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    public async Task<Outcome<WebexEventAnswer>> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (Read(body) is not { Resource: "attachmentActions", Event: "created", Data.Id: { Length: > 0 } actionId })
        {
            return Ignored("not a pressed button");
        }

        if (!(await webex.GetActionAsync(actionId, cancellationToken)).TryGet(out var action, out var unreadable))
        {
            // Webex tries a failed call again; an action it no longer has never counts.
            return unreadable.Kind == FailureKind.Unavailable ? unreadable : Ignored($"the action cannot be read ({unreadable.Detail})");
        }

        var meetingId = Input(action, "meetingId");
        var answer = Input(action, "answer");
        if (meetingId is null || answer is null || !ExpertResponse.Answers.Contains(answer)
            || action is not { MessageId: { } messageId, PersonId: { } personId, RoomId: { } roomId })
        {
            return Ignored("not an answer on an expert's card");
        }

        if (await store.GetAsync(meetingId, cancellationToken) is not { } meeting
            || meeting.Notifications.FirstOrDefault(n => n.Delivery.MessageId == messageId) is not { } card)
        {
            logger.LogWarning("A button was pressed on message {MessageId}, which is not an expert message sent for meeting {MeetingId}; ignored",
                messageId, meetingId);
            return Ignored("not an expert message this service sent for that meeting");
        }

        var name = await webex.GetDisplayNameAsync(personId, cancellationToken);
        var by = new ExpertResponse(answer, personId, name, messageId, time.GetUtcNow());
        var changed = false;
        var saved = await outbox.ChangeAndQueueAsync(store, meeting, current =>
        {
            var (next, counted) = chain.Answer(current, card, by, actionId, roomId);
            changed = counted;
            return next;
        }, cancellationToken);
        if (saved is null)
        {
            return Ignored("the meeting is gone");
        }

        if (changed)
        {
            // On the meeting's timeline too, beside the delivery events.
            var type = answer == ExpertResponse.Joining ? FlowEvent.Joining : FlowEvent.Declined;
            await store.AddEventAsync(meetingId, new MeetingEvent(type, null, name ?? personId, null, EventSource, messageId, by.At, by.At), cancellationToken);
        }

        logger.LogInformation("Meeting {MeetingId}: the expert answered {Answer} (action {ActionId}){Change}",
            meetingId, answer, actionId, changed ? "" : "; no change");
        return new WebexEventAnswer(changed ? "recorded" : "unchanged", meetingId, answer);
    }

    private static string? Input(AttachmentAction action, string name)
        => action.Inputs?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length is > 0 and <= 100 ? text : null;

    private static WebexWebhookCall? Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, WebexEventsJsonContext.Default.WebexWebhookCall);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private Outcome<WebexEventAnswer> Ignored(string why)
    {
        logger.LogInformation("Webex webhook call ignored: {Reason}", why);
        return new WebexEventAnswer("ignored", null, null) { Reason = why };
    }
}

/// <summary>What Webex is told: whether the call changed the expert's answer.</summary>
public sealed record WebexEventAnswer(string Outcome, string? MeetingId, string? Answer)
{
    public string? Reason { get; init; }
}

internal sealed record WebexWebhookCall(string? Resource, string? Event, WebexWebhookData? Data);

internal sealed record WebexWebhookData(string? Id, string? MessageId, string? PersonId, string? RoomId);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WebexWebhookCall))]
[JsonSerializable(typeof(WebexEventAnswer))]
internal sealed partial class WebexEventsJsonContext : JsonSerializerContext;
