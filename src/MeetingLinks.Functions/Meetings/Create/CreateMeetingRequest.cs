namespace MeetingLinks.Meetings.Create;

/// <summary>The body of <c>POST /api/meetings</c>. Every field is optional: the smallest flow sends <c>{}</c>.</summary>
public sealed class CreateMeetingRequest : LinkRequest
{
    public CustomerDetails? Customer { get; set; }

    public string? Reference { get; set; }

    public string? Subject { get; set; }

    /// <summary>SIP URIs of Cisco video devices to dial into the meeting.</summary>
    public IReadOnlyList<string>? Devices { get; set; }
}

public sealed class CustomerDetails
{
    public string? Phone { get; set; }

    public string? Name { get; set; }

    public string? Channel { get; set; }
}
