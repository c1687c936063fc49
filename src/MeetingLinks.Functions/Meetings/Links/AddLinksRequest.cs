namespace MeetingLinks.Meetings.Links;

/// <summary>
/// The body of <c>POST /api/meetings/{id}/links</c>. Every field is optional: <c>{}</c> asks for one more guest
/// link, valid from now for the configured lifetime.
/// </summary>
public sealed class AddLinksRequest
{
    /// <summary>Idempotency key, per meeting; the <c>Idempotency-Key</c> header wins when both are sent.</summary>
    public string? RequestId { get; set; }

    public int? Hosts { get; set; }

    public int? Guests { get; set; }

    public DateTimeOffset? ValidFrom { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public string? VerticalType { get; set; }

    public bool? LoginUrlForHost { get; set; }

    /// <summary>Who gets the new host links as a Webex message from the bot.</summary>
    public Notifications.ExpertRequest? Expert { get; set; }
}

/// <summary>An add-links request after validation, with every default decided.</summary>
public sealed record ValidatedAddLinks(
    string? IdempotencyKey,
    int Hosts,
    int Guests,
    LinkValidity Validity,
    string VerticalType,
    bool LoginUrlForHost,
    Notifications.ExpertTarget? Expert = null);
