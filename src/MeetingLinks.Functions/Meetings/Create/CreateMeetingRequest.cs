namespace MeetingLinks.Meetings.Create;

/// <summary>The body of <c>POST /api/meetings</c>. Every field is optional: the smallest flow sends <c>{}</c>.</summary>
public sealed class CreateMeetingRequest
{
    /// <summary>Idempotency key; the <c>Idempotency-Key</c> header wins when both are sent.</summary>
    public string? RequestId { get; set; }

    public CustomerDetails? Customer { get; set; }

    public string? Reference { get; set; }

    public string? Subject { get; set; }

    public int? Hosts { get; set; }

    public int? Guests { get; set; }

    public DateTimeOffset? ValidFrom { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public string? VerticalType { get; set; }

    public bool? LoginUrlForHost { get; set; }

    /// <summary>SIP URIs of Cisco video devices to dial into the meeting.</summary>
    public IReadOnlyList<string>? Devices { get; set; }

    /// <summary>Who gets the host link as a Webex message from the bot.</summary>
    public Notifications.ExpertRequest? Expert { get; set; }
}

public sealed class CustomerDetails
{
    public string? Phone { get; set; }

    public string? Name { get; set; }

    public string? Channel { get; set; }
}
