namespace MeetingLinks.Http;

/// <summary>
/// The body of every error (RFC 9457 problem details) with a flat <c>code</c> that a
/// Webex Connect flow can branch on with <c>$.code</c>.
/// </summary>
public sealed record ApiProblem(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("code")] string Code)
{
    /// <summary>Per-field messages for validation errors, keyed by the field's JSON path (<c>customer.phone</c>).</summary>
    [JsonPropertyName("errors")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}
