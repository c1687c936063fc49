namespace MeetingLinks.Meetings.Create;

/// <summary>The body of <c>POST /api/meetings</c>. Every field is optional: the smallest flow sends <c>{}</c>.</summary>
public sealed class CreateMeetingRequest : LinkRequest, Visits.IVisitRequest
{
    public CustomerDetails? Customer { get; set; }

    public string? Reference { get; set; }

    public string? Subject { get; set; }

    /// <summary>SIP URIs of Cisco video devices to dial into the meeting.</summary>
    public IReadOnlyList<string>? Devices { get; set; }

    /// <summary>A chain of experts, asked one after another; <see cref="LinkRequest.Expert"/> is a chain of one.</summary>
    public IReadOnlyList<Experts.ExpertRequest>? Experts { get; set; }

    /// <summary>How long each expert of the chain has to answer, as an ISO 8601 duration (<c>PT2M</c>).</summary>
    public string? AnswerWithin { get; set; }

    /// <summary>When a visit booked ahead starts; null for a meeting that starts now.</summary>
    public DateTimeOffset? StartsAt { get; set; }

    /// <summary>How long the visit lasts; only with <see cref="StartsAt"/>.</summary>
    public int? DurationMinutes { get; set; }

    /// <summary>How long before the start the flow is to remind the customer (ISO 8601 durations); only with <see cref="StartsAt"/>.</summary>
    public IReadOnlyList<string>? Reminders { get; set; }
}

public sealed class CustomerDetails
{
    public string? Phone { get; set; }

    public string? Name { get; set; }

    public string? Channel { get; set; }
}
