namespace MeetingLinks.Meetings;

/// <summary>What every request for links may say — the create's and an add-links call's. Every field is optional.</summary>
public abstract class LinkRequest
{
    /// <summary>Idempotency key; the <c>Idempotency-Key</c> header wins when both are sent.</summary>
    public string? RequestId { get; set; }

    public int? Hosts { get; set; }

    public int? Guests { get; set; }

    public DateTimeOffset? ValidFrom { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public string? VerticalType { get; set; }

    public bool? LoginUrlForHost { get; set; }

    /// <summary>Who gets the host link(s) as a Webex message from the bot.</summary>
    public Experts.ExpertRequest? Expert { get; set; }
}
