namespace MeetingLinks.Meetings;

/// <summary>One meeting as stored, and as operations staff read it.</summary>
public sealed record MeetingRecord
{
    public required string MeetingId { get; init; }

    /// <summary>Places hosts and guests in the same broker space; reused on every retry of this meeting.</summary>
    public required string Sub { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>See <see cref="MeetingStatus"/>.</summary>
    public required string Status { get; init; }

    public string? Reference { get; init; }

    public string? Subject { get; init; }

    public string? CustomerName { get; init; }

    /// <summary>E.164. Stored in full for operations; logs only ever show it masked.</summary>
    public string? CustomerPhone { get; init; }

    public string? Channel { get; init; }

    public int Hosts { get; init; }

    public int Guests { get; init; }

    public required DateTimeOffset ValidFrom { get; init; }

    /// <summary>When the visit was cancelled; null while it stands.</summary>
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>Why, as the flow said; null when it did not say.</summary>
    public string? CancelReason { get; init; }

    [JsonIgnore]
    public bool IsCancelled => Status == MeetingStatus.Cancelled;

    /// <summary>When a visit booked ahead starts; null for a meeting that starts now.</summary>
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>How long the visit lasts; null for a meeting that starts now.</summary>
    public int? DurationMinutes { get; init; }

    /// <summary>The visit's reminders to the flow, as stored.</summary>
    [JsonIgnore]
    public IReadOnlyList<Visits.VisitReminder> VisitReminders { get; init; } = [];

    /// <summary>The visit's reminders, each with how long before the start, when it is due and where it stands.</summary>
    public IReadOnlyList<Visits.VisitReminderView> Reminders => [.. VisitReminders.Select(r => r.View())];

    public required DateTimeOffset ExpiresAt { get; init; }

    public required string VerticalType { get; init; }

    public bool LoginUrlForHost { get; init; }

    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>The host links the create handed out (all links, later ones too, are in <see cref="Links"/>).</summary>
    public IReadOnlyList<string> HostUrls => [.. CreateLinks(IssuedLink.Host).Select(l => l.Url)];

    /// <summary>The guest links the create handed out.</summary>
    public IReadOnlyList<string> GuestUrls => [.. CreateLinks(IssuedLink.Guest).Select(l => l.Url)];

    /// <summary>The broker's short-link base, when the create's links are short.</summary>
    public string? BaseUrl => Links.FirstOrDefault(l => l.Batch == IssuedLink.CreateBatch)?.BaseUrl;

    /// <summary>The create's first guest link's short code, for WhatsApp template buttons.</summary>
    public string? GuestSuffix => CreateLinks(IssuedLink.Guest).FirstOrDefault()?.ShortCode;

    /// <summary>What happened to the link since, oldest first: flow reports and delivery receipts.</summary>
    public IReadOnlyList<Events.MeetingEvent> Events { get; init; } = [];

    /// <summary>Why the last attempt failed (a problem code), while the meeting has no links.</summary>
    public string? LastError { get; init; }

    /// <summary>Every link the meeting ever had, oldest first: the create's and those added since.</summary>
    public IReadOnlyList<IssuedLink> Links { get; init; } = [];

    /// <summary>The messages that took host links to the expert in Webex, one per batch of links, oldest first.</summary>
    [JsonIgnore]
    public IReadOnlyList<Experts.ExpertNotification> Notifications { get; init; } = [];

    /// <summary>The latest message sent (or being sent) to an expert, as operations staff see it (address masked); null when there is none.</summary>
    public Experts.ExpertNotificationView? ExpertNotification => Notifications.LastOrDefault(n => n.IsStarted)?.View();

    /// <summary>The create's experts, in the order they are asked, and how each step stands; empty without a chain.</summary>
    public IReadOnlyList<Experts.ExpertChainStepView> ExpertChain => [.. Notifications.Where(n => n.Step is not null).Select(n => n.StepView())];

    /// <summary>How long each expert of the chain has to answer.</summary>
    [JsonIgnore]
    public TimeSpan? ExpertWait { get; init; }

    /// <summary><see cref="ExpertWait"/> as an ISO 8601 duration (<c>PT2M</c>); null without a chain.</summary>
    public string? AnswerWithin => ExpertWait is { } wait ? IsoDuration.Format(wait) : null;

    /// <summary>
    /// How the experts answered, for the listing's filter: the <see cref="ExpertResponse"/>'s answer, or how the chain ended
    /// when nobody answered (<c>unanswered</c>, <c>unreachable</c>), else <see cref="MeetingFilter.NoResponse"/>.
    /// </summary>
    [JsonIgnore]
    public string ExpertAnswer => ExpertResponse?.Answer ?? Experts.ExpertChain.EndedWithoutAnswer(this) ?? MeetingFilter.NoResponse;

    /// <summary>
    /// What is still to be done for this meeting on the notifications queue: every delivery still pending whose content exists,
    /// and the deadline of every step of the chain that waits. A sweep puts again on the queue what a crash kept from it.
    /// </summary>
    [JsonIgnore]
    public IEnumerable<Notifications.NotificationMessage> OpenWork
    {
        get
        {
            foreach (var message in Notifications.Where(n => n.IsStarted && n.Delivery.IsPending && Links.Any(l => l.Batch == n.Batch)))
            {
                yield return new(MeetingId, Experts.ExpertMessages.KindName, message.Id);
            }

            // A waiting step's deadline, or the time a visit's chain begins (its first step, queued, with links to send).
            foreach (var step in Notifications.Where(n => n.DueAt is not null && HasLinks))
            {
                yield return new(MeetingId, Experts.ExpertDeadlines.KindName, step.Id, step.DueAt);
            }

            foreach (var reminder in VisitReminders.Where(r => r.Status == Visits.VisitReminder.Planned && HasLinks))
            {
                yield return new(MeetingId, Visits.VisitReminders.KindName, reminder.Id, reminder.DueAt);
            }

            foreach (var reply in Replies.Where(r => r.Delivery.IsPending))
            {
                yield return new(MeetingId, Experts.ExpertReplies.KindName, reply.ActionId);
            }

            foreach (var flowEvent in FlowDeliveries.Where(e => e.Delivery.IsPending))
            {
                yield return new(MeetingId, Connect.FlowEvents.KindName, flowEvent.EventId);
            }
        }
    }

    /// <summary>
    /// The work the record opens when its links are stored (the chain's first card and deadline, the visit's reminders), known
    /// from its first write: the store indexes it with that write, so the change that opens it needs no index write of its own.
    /// </summary>
    [JsonIgnore]
    public IEnumerable<Notifications.NotificationMessage> PlannedWork
        => Notifications.Where(n => n.Step == 0 && n.Outcome == Experts.ExpertChain.Queued)
            .SelectMany(n => new Notifications.NotificationMessage[]
            {
                new(MeetingId, Experts.ExpertMessages.KindName, n.Id),
                new(MeetingId, Experts.ExpertDeadlines.KindName, n.Id),
            })
            .Concat(VisitReminders.Where(r => r.Status == Visits.VisitReminder.Planned && !HasLinks)
                .Select(r => new Notifications.NotificationMessage(MeetingId, Visits.VisitReminders.KindName, r.Id)));

    /// <summary>The create's idempotency key: the flow's <c>transId</c>, given back to the flow with the expert's answer.</summary>
    public string? RequestId { get; init; }

    /// <summary>The expert's latest answer on the card, when they gave one.</summary>
    public Experts.ExpertResponse? ExpertResponse { get; init; }

    /// <summary>The replies under the expert's card, one per button pressed.</summary>
    [JsonIgnore]
    public IReadOnlyList<Experts.ExpertReply> Replies { get; init; } = [];

    /// <summary>The events for the flow (Webex Connect's inbound webhook), as stored.</summary>
    [JsonIgnore]
    public IReadOnlyList<Connect.FlowEvent> FlowDeliveries { get; init; } = [];

    /// <summary>The events for the flow, oldest first, as operations staff see them.</summary>
    public IReadOnlyList<Connect.FlowEventView> FlowEvents => [.. FlowDeliveries.Select(e => e.View())];

    /// <summary>The SHA-256 of the create's idempotency key, so erasure can find and clear the key. Never shown.</summary>
    [JsonIgnore]
    public string? KeyHash { get; init; }

    /// <summary>Set on the tombstone an erasure leaves in place of the record; such a record is never shown.</summary>
    [JsonIgnore]
    public DateTimeOffset? ErasedAt { get; init; }

    [JsonIgnore]
    public bool HasLinks => Links.Count > 0;

    private IEnumerable<IssuedLink> CreateLinks(string kind) => Links.Where(l => l.Batch == IssuedLink.CreateBatch && l.Kind == kind);

    [JsonIgnore]
    public bool IsErased => ErasedAt is not null;
}
