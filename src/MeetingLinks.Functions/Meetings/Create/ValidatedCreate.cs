namespace MeetingLinks.Meetings.Create;

/// <summary>A create request after validation and defaults: everything the broker call and the record need.</summary>
/// <param name="IdempotencyKey">From the header or <c>requestId</c>; null when the caller sent none.</param>
/// <param name="ValidFrom">As requested (whole seconds, UTC); null means "from creation".</param>
/// <param name="ExpiresAt">As requested (whole seconds, UTC); null means "lifetime after start".</param>
public sealed record ValidatedCreate(
    string? IdempotencyKey,
    string? Phone,
    string? CustomerName,
    string? Channel,
    string? Reference,
    string? Subject,
    int Hosts,
    int Guests,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ExpiresAt,
    string VerticalType,
    bool LoginUrlForHost,
    IReadOnlyList<string> Devices);
