namespace MeetingLinks.Http;

/// <summary>
/// The body of every error (RFC 9457 problem details) with a flat <c>code</c> that a
/// Webex Connect flow can branch on with <c>$.code</c>. Written camelCase by <see cref="ApiJsonContext"/>.
/// </summary>
public sealed record ApiProblem(string Type, string Title, int Status, string Detail, string Code)
{
    /// <summary>Per-field messages for validation errors, keyed by the field's JSON path (<c>customer.phone</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}
