using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MeetingLinks.InstantConnect;
using MeetingLinks.Outcomes;
using MeetingLinks.Validation;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Notifications;

/// <summary>
/// Posts one message with Webex's messages API as the bot (<c>POST {Webex__ApiBaseUrl}/v1/messages</c>). One attempt per
/// call: whether and when to try again is the queue's business, so the answer says which failures are worth it —
/// 408, 429, 5xx and no answer are <see cref="FailureKind.Unavailable"/> (with Webex's <c>Retry-After</c>); any other
/// 4xx is <see cref="FailureKind.UpstreamRejected"/> with Webex's reason. The token never appears in an answer.
/// </summary>
public sealed class WebexMessagesClient(HttpClient http, IOptions<WebexOptions> webex, IOptions<InstantConnectOptions> bot, TimeProvider time)
{
    private const int MaxReasonLength = 300;

    /// <summary>That Webex took the message (with its id), or why not.</summary>
    public async Task<Outcome<AcceptedMessage>> SendAsync(ExpertTarget to, ExpertMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(message);
        var body = new JsonObject
        {
            [to.Kind switch { ExpertTarget.Email => "toPersonEmail", ExpertTarget.PersonId => "toPersonId", _ => "roomId" }] = to.Address,
            ["markdown"] = message.Markdown,
            ["text"] = message.Text,
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = ExpertMessage.CardContentType, ["content"] = message.Card.DeepClone() }),
        };
        // Serialised first, so the request says its length rather than being chunked, which some proxies and stand-ins refuse.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(webex.Value.ApiBaseUrl, "v1/messages"))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, WebexJsonContext.Default.JsonObject)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bot.Value.BearerToken);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable($"Webex did not answer within {webex.Value.RequestTimeout.TotalSeconds:0.#} s.", null);
        }
        catch (HttpRequestException ex)
        {
            return Unavailable($"Webex could not be reached ({ex.HttpRequestError}).", null);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                // Taken, even when the answer cannot be read: sending again would give the expert the message twice.
                var sent = await ReadAsync(response, WebexJsonContext.Default.WebexMessage, cancellationToken);
                return new AcceptedMessage(sent?.Id is { Length: > 0 } id ? TextInput.Neutralise(id, MaxReasonLength) : null);
            }

            var reason = $"HTTP {status}: {await ReasonAsync(response, cancellationToken)}";
            return status is 408 or 429 || status >= 500
                ? Unavailable(reason, RetryAfter.Read(response, time))
                : new Failure(FailureKind.UpstreamRejected, "webex_rejected", "Webex refused the message", reason);
        }
    }

    private static Failure Unavailable(string reason, TimeSpan? retryAfter)
        => new(FailureKind.Unavailable, "webex_unavailable", "Webex is unavailable", reason, retryAfter);

    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var error = await ReadAsync(response, WebexJsonContext.Default.WebexError, cancellationToken);
        var text = error?.Message ?? (error?.Errors is { Count: > 0 } items ? items[0].Description : null) ?? response.ReasonPhrase ?? "no reason given";
        return TextInput.Neutralise(text, MaxReasonLength) ?? "no reason given";
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null;
        }
    }
}

/// <summary>A message Webex took; <paramref name="Id"/> is null when its answer did not say.</summary>
public sealed record AcceptedMessage(string? Id);

internal sealed record WebexMessage(string? Id);

internal sealed record WebexError(string? Message, IReadOnlyList<WebexErrorItem>? Errors);

internal sealed record WebexErrorItem(string? Description);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(WebexMessage))]
[JsonSerializable(typeof(WebexError))]
internal sealed partial class WebexJsonContext : JsonSerializerContext;
