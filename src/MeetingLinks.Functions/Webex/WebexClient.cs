namespace MeetingLinks.Webex;

/// <summary>
/// Webex's REST API as the bot (<c>{Webex__ApiBaseUrl}/v1/…</c>, the Instant Connect bot token). One attempt per
/// call: whether and when to try again is the caller's business, so the answer says which failures are worth it —
/// 408, 429, 5xx and no answer are <see cref="FailureKind.Unavailable"/> (with Webex's <c>Retry-After</c>); any other
/// 4xx is <see cref="FailureKind.UpstreamRejected"/> with Webex's reason. The token never appears in an answer.
/// </summary>
public sealed class WebexClient(HttpClient http, IOptions<WebexOptions> webex, IOptions<InstantConnectOptions> bot, TimeProvider time)
{
    private const string Service = "Webex";
    private const int MaxReasonLength = 300;
    private static readonly WebexMessage NoBody = new(null);

    /// <summary>Sends the expert's message: markdown, text and the card.</summary>
    public Task<Outcome<AcceptedMessage>> SendAsync(ExpertTarget to, ExpertMessage message, CancellationToken cancellationToken)
    {
        return PostMessageAsync(new JsonObject
        {
            [Recipient(to)] = to.Address,
            ["markdown"] = message.Markdown,
            ["text"] = message.Text,
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = ExpertMessage.CardContentType, ["content"] = message.Card.DeepClone() }),
        }, cancellationToken);
    }

    /// <summary>A reply in the thread of message <paramref name="parentId"/>, in its space or to its recipient.</summary>
    public Task<Outcome<AcceptedMessage>> ReplyAsync(ExpertTarget to, string parentId, string markdown, CancellationToken cancellationToken)
        => PostMessageAsync(new JsonObject { [Recipient(to)] = to.Address, ["parentId"] = parentId, ["markdown"] = markdown }, cancellationToken);

    private static string Recipient(ExpertTarget to) => to.Kind switch
    {
        ExpertTarget.Email => "toPersonEmail",
        ExpertTarget.PersonId => "toPersonId",
        _ => "roomId",
    };

    /// <summary>A pressed button: which message it was on, who pressed it, and the button's data with the card's inputs.</summary>
    public Task<Outcome<AttachmentAction>> GetActionAsync(string actionId, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Get, $"v1/attachment/actions/{Uri.EscapeDataString(actionId)}", null, WebexJsonContext.Default.AttachmentAction, null, cancellationToken);

    /// <summary>A person's display name, or null when Webex does not say.</summary>
    public async Task<string?> GetDisplayNameAsync(string personId, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Get, $"v1/people/{Uri.EscapeDataString(personId)}", null, WebexJsonContext.Default.WebexPerson, null, cancellationToken))
            .TryGet(out var person, out _) && person.DisplayName is { } name
            ? TextInput.Neutralise(name, 100)
            : null;

    /// <summary>The bot's webhooks (the first 100, far more than it ever has).</summary>
    public async Task<Outcome<IReadOnlyList<WebexWebhook>>> ListWebhooksAsync(CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Get, "v1/webhooks?max=100", null, WebexJsonContext.Default.WebexWebhookList, null, cancellationToken))
            .Then<IReadOnlyList<WebexWebhook>>(list => new List<WebexWebhook>(list.Items ?? []));

    public Task<Outcome<WebexWebhook>> CreateWebhookAsync(WebexWebhook webhook, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Post, "v1/webhooks", JsonSerializer.SerializeToNode(webhook, WebexJsonContext.Default.WebexWebhook)!.AsObject(),
            WebexJsonContext.Default.WebexWebhook, null, cancellationToken);

    /// <summary>Points the webhook at <paramref name="webhook"/>'s URL with its secret, and makes it active again.</summary>
    public Task<Outcome<WebexWebhook>> UpdateWebhookAsync(string id, WebexWebhook webhook, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Put, $"v1/webhooks/{Uri.EscapeDataString(id)}",
            new JsonObject { ["name"] = webhook.Name, ["targetUrl"] = webhook.TargetUrl, ["secret"] = webhook.Secret, ["status"] = "active" },
            WebexJsonContext.Default.WebexWebhook, null, cancellationToken);

    public async Task<Outcome<bool>> DeleteWebhookAsync(string id, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Delete, $"v1/webhooks/{Uri.EscapeDataString(id)}", null, WebexJsonContext.Default.WebexMessage, NoBody, cancellationToken))
            .Then<bool>(_ => true);

    private async Task<Outcome<AcceptedMessage>> PostMessageAsync(JsonObject body, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Post, "v1/messages", body, WebexJsonContext.Default.WebexMessage, NoBody, cancellationToken))
            .Then<AcceptedMessage>(sent => new AcceptedMessage(Neutralised(sent.Id), Neutralised(sent.RoomId)));

    private static string? Neutralised(string? id) => id is { Length: > 0 } ? TextInput.Neutralise(id, MaxReasonLength) : null;

    /// <param name="unreadable">What a 2xx without a readable body counts as (for a message: sent), or null for a failure.</param>
    private async Task<Outcome<T>> SendAsync<T>(
        HttpMethod method, string path, JsonObject? body, JsonTypeInfo<T> type, T? unreadable, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, new Uri(webex.Value.ApiBaseUrl, path));
        if (body is not null)
        {
            // Serialised first, so the request says its length rather than being chunked, which some proxies and stand-ins refuse.
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, WebexJsonContext.Default.JsonObject));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bot.Value.BearerToken);
        if (!(await UpstreamCall.SendAsync(http, request, Service, webex.Value.RequestTimeout, cancellationToken)).TryGet(out var response, out var none))
        {
            return none;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var read = (status == 204 ? null : await UpstreamCall.ReadAsync(response, type, cancellationToken)) ?? unreadable;
                return read is not null ? read : UpstreamCall.Unavailable(Service, $"HTTP {status}: an answer Webex's API does not give.", null);
            }

            var reason = $"HTTP {status}: {await ReasonAsync(response, cancellationToken)}";
            return UpstreamCall.IsWorthRetrying(status)
                ? UpstreamCall.Unavailable(Service, reason, UpstreamCall.RetryAfter(response, time))
                : new Failure(FailureKind.UpstreamRejected, ProblemCodes.UpstreamRejected, "Webex refused the request", reason);
        }
    }

    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var error = await UpstreamCall.ReadAsync(response, WebexJsonContext.Default.WebexError, cancellationToken);
        var text = error?.Message ?? (error?.Errors is { Count: > 0 } items ? items[0].Description : null) ?? response.ReasonPhrase ?? "no reason given";
        return TextInput.Neutralise(text, MaxReasonLength) ?? "no reason given";
    }
}

/// <summary>A message Webex took, and the space it went to; each is null when its answer did not say.</summary>
public sealed record AcceptedMessage(string? Id, string? RoomId = null);

/// <summary>A pressed card button, as <c>GET /v1/attachment/actions/{id}</c> tells it.</summary>
public sealed record AttachmentAction(string? Id, string? Type, string? MessageId, string? PersonId, string? RoomId, JsonObject? Inputs);

/// <summary>A webhook, as Webex's API reads and writes it.</summary>
public sealed record WebexWebhook(string? Id, string Name, string TargetUrl, string Resource, string Event, string? Secret = null, string? Status = null);

internal sealed record WebexWebhookList(IReadOnlyList<WebexWebhook>? Items);

internal sealed record WebexPerson(string? DisplayName);

internal sealed record WebexMessage(string? Id, string? RoomId = null);

internal sealed record WebexError(string? Message, IReadOnlyList<WebexErrorItem>? Errors);

internal sealed record WebexErrorItem(string? Description);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(WebexMessage))]
[JsonSerializable(typeof(WebexError))]
[JsonSerializable(typeof(AttachmentAction))]
[JsonSerializable(typeof(WebexWebhook))]
[JsonSerializable(typeof(WebexWebhookList))]
[JsonSerializable(typeof(WebexPerson))]
internal sealed partial class WebexJsonContext : JsonSerializerContext;
