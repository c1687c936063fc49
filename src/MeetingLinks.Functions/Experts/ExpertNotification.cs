namespace MeetingLinks.Experts;

/// <summary>
/// The message that takes one batch of host links to an expert, as the record keeps it. A step of the create's chain
/// (<see cref="Step"/> set) also says how it stands (<see cref="Outcome"/>, one of <see cref="ExpertChain.Outcomes"/>) and,
/// while it waits, when it is passed on (<see cref="DueAt"/>).
/// </summary>
public sealed record ExpertNotification(
    string Batch, ExpertTarget Target, Delivery Delivery,
    int? Step = null, string? Outcome = null, DateTimeOffset? DueAt = null, DateTimeOffset? EndedAt = null)
{
    public static ExpertNotification Queued(string batch, ExpertTarget target, DateTimeOffset now) => new(batch, target, Delivery.Queued(now));

    /// <summary>The id its queue messages carry: the batch, and for a chain's later steps the step too (<c>create.1</c>).</summary>
    public string Id => Step is > 0 ? $"{Batch}.{Step}" : Batch;

    /// <summary>False only for a step of a chain whose turn has not come: its card is not sent.</summary>
    public bool IsStarted => Outcome != ExpertChain.Queued;

    /// <summary>What operations staff see: the address masked, the claim left out.</summary>
    public ExpertNotificationView View() => new(Target.Masked, Delivery.Status, Delivery.Attempts, Delivery.LastError, Delivery.MessageId, Delivery.SentAt);

    /// <summary>A step of the chain as operations staff see it.</summary>
    public ExpertChainStepView StepView() => new(Target.Masked, Outcome ?? ExpertChain.Queued, Delivery.MessageId, Delivery.SentAt, EndedAt);
}

/// <summary>The record's <c>expertNotification</c> as the API shows it.</summary>
public sealed record ExpertNotificationView(
    [property: JsonPropertyName("to")] string To, string Status, int Attempts, string? LastError, string? MessageId, DateTimeOffset? SentAt);

/// <summary>One of the record's <c>expertChain</c>, as the API shows it.</summary>
public sealed record ExpertChainStepView(
    [property: JsonPropertyName("to")] string To, string Outcome, string? MessageId, DateTimeOffset? SentAt, DateTimeOffset? EndedAt);
