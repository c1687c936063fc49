namespace MeetingLinks.Receipts;

/// <summary>
/// Reads Webex Connect's <c>deliveryInfoNotification</c> tolerantly, because its documented samples are not always valid JSON: keys
/// in any case, trailing commas and comments, numbers or strings. Fields are looked up in <c>deliveryInfo</c>, then the envelope,
/// then the top level, so both the wrapped and the flat shapes read the same.
/// </summary>
public static class DeliveryReceiptParser
{
    private static readonly JsonDocumentOptions Tolerant = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };

    public static Outcome<DeliveryReceipt> Read(ReadOnlyMemory<byte> body)
    {
        // Some senders prefix a byte order mark, which the JSON reader refuses.
        if (body.Span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        try
        {
            using var document = JsonDocument.Parse(body, Tolerant);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return DeliveryReceipt.Invalid("The body must be a JSON object: a Webex Connect deliveryInfoNotification.");
            }

            var receipt = ReadReceipt(document.RootElement);
            return receipt.DeliveryStatus is null && receipt.Code is null
                ? DeliveryReceipt.Invalid("This is not a Webex Connect delivery notification: it has no deliveryInfo with a deliveryStatus or code.")
                : receipt;
        }
        catch (JsonException ex)
        {
            return DeliveryReceipt.Invalid($"The body is not JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }
        catch (InvalidOperationException)
        {
            // Reading a string field is what finds text that is not UTF-8.
            return DeliveryReceipt.Invalid("The body holds text that is not valid UTF-8.");
        }
    }

    private static DeliveryReceipt ReadReceipt(JsonElement root)
    {
        var envelope = Child(root, "deliveryInfoNotification");
        var info = (envelope is { } e ? Child(e, "deliveryInfo") : null) ?? Child(root, "deliveryInfo");
        JsonElement?[] scopes = [info, envelope, root];
        string? Field(string name) => scopes.Select(s => s is { } scope ? Text(scope, name) : null).FirstOrDefault(t => t is not null);

        return new DeliveryReceipt(
            DeliveryStatus: Field("deliveryStatus"), Code: Field("code"), Channel: Field("deliveryChannel"),
            TimeStamp: Field("timeStamp"), Destination: Field("destination"), AdditionalInfo: Field("additionalInfo"),
            Description: Field("description"), TransId: Field("transid"), SubTid: Field("subtid"),
            CorrelationId: Field("correlationid"), CallbackData: Field("callbackData"), Carrier: Field("carrier"));
    }

    /// <summary>A nested object by name; for a list, its first object.</summary>
    private static JsonElement? Child(JsonElement parent, string name) => Property(parent, name) switch
    {
        { ValueKind: JsonValueKind.Object } value => value,
        { ValueKind: JsonValueKind.Array } value => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object).Select(v => (JsonElement?)v).FirstOrDefault(),
        _ => null,
    };

    /// <summary>A field as text: strings as they are, numbers and objects as written (callbackData may be JSON).</summary>
    private static string? Text(JsonElement parent, string name)
    {
        var text = Property(parent, name) switch
        {
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>Keys match whatever their case: the samples have both <c>description</c> and <c>Description</c>.</summary>
    private static JsonElement? Property(JsonElement parent, string name)
        => parent.ValueKind == JsonValueKind.Object
            ? parent.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;
}
