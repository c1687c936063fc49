namespace MeetingLinks.Receipts;

/// <summary>The small 200 body Webex Connect gets back; it only looks at the status code.</summary>
/// <param name="Outcome"><c>recorded</c>, <c>duplicate</c>, or <c>ok</c> for a test call (named as the events route names it).</param>
public sealed record ReceiptAnswer(string? MeetingId, string? Event, string Outcome)
{
    public static readonly ReceiptAnswer TestCall = new(null, null, "ok");
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReceiptAnswer))]
internal sealed partial class ReceiptsJsonContext : JsonSerializerContext;
