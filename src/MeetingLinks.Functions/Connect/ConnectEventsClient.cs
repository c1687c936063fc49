namespace MeetingLinks.Connect;

/// <summary>
/// Posts one event to the flow's Inbound Webhook (<c>Connect__EventsUrl</c>), with the service key in <c>key</c> and,
/// when <c>Connect__EventsSecret</c> is set, <c>x-hub-signature: sha256=</c> the hex HMAC-SHA256 of the body. One
/// attempt: 408, 429, 5xx and no answer are worth trying again; any other 4xx is not. Connect may answer 200 and say
/// in the body that it did not take the event (a <c>code</c> other than 1002, queued): that is a refusal too.
/// </summary>
public sealed class ConnectEventsClient(HttpClient http, IOptions<ConnectOptions> options, TimeProvider time)
{
    private const string Service = "Connect";
    private const string Queued = "1002";
    private const int MaxReasonLength = 300;

    public async Task<Outcome<AcceptedMessage>> PostAsync(FlowEventBody body, CancellationToken cancellationToken)
    {
        var connect = options.Value;
        if (connect.EventsUrl is not { } url)
        {
            return new Failure(FailureKind.UpstreamRejected, ProblemCodes.UpstreamRejected, "No flow to tell", "Connect__EventsUrl is not set.");
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ConnectJsonContext.Default.FlowEventBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (connect.ServiceKey is { Length: > 0 } key)
        {
            request.Headers.Add("key", key);
        }

        if (connect.EventsSecret is { Length: > 0 } secret)
        {
            request.Headers.Add("x-hub-signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes)));
        }

        if (!(await UpstreamCall.SendAsync(http, request, Service, connect.RequestTimeout, cancellationToken)).TryGet(out var response, out var none))
        {
            return none;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var answer = await UpstreamCall.ReadAsync(response, ConnectJsonContext.Default.ConnectAnswer, cancellationToken);
            var item = answer?.Response is { Count: > 0 } items ? items[0] : null;
            if (response.IsSuccessStatusCode)
            {
                return item?.Code is null or Queued
                    ? new AcceptedMessage(TextInput.Neutralise(item?.Transid, MaxReasonLength))
                    : Rejected($"HTTP {status}, code {item.Code}: {item.Description ?? "no reason given"}");
            }

            var reason = $"HTTP {status}: {item?.Description ?? response.ReasonPhrase ?? "no reason given"}";
            return UpstreamCall.IsWorthRetrying(status)
                ? UpstreamCall.Unavailable(Service, reason, UpstreamCall.RetryAfter(response, time))
                : Rejected(reason);
        }
    }

    private static Failure Rejected(string reason)
        => new(FailureKind.UpstreamRejected, ProblemCodes.UpstreamRejected, "Connect refused the event", TextInput.Neutralise(reason, MaxReasonLength) ?? reason);
}

internal sealed record ConnectAnswer(IReadOnlyList<ConnectAnswerItem>? Response);

internal sealed record ConnectAnswerItem(string? Code, string? Description, string? Transid);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(FlowEventBody))]
[JsonSerializable(typeof(ConnectAnswer))]
internal sealed partial class ConnectJsonContext : JsonSerializerContext;
