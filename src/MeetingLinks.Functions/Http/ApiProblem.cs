namespace MeetingLinks.Http;

/// <summary>Every error's body (RFC 9457), with a flat <c>code</c> a Webex Connect flow branches on with <c>$.code</c>.</summary>
public sealed record ApiProblem(string Type, string Title, int Status, string Detail, string Code)
{
    /// <summary>Per-field messages for validation errors, keyed by the field's JSON path (<c>customer.phone</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}
