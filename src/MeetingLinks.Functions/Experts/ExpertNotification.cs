namespace MeetingLinks.Experts;

/// <summary>The message that takes one batch of host links to the expert, as the record keeps it.</summary>
public sealed record ExpertNotification(string Batch, ExpertTarget Target, Delivery Delivery)
{
    public static ExpertNotification Queued(string batch, ExpertTarget target, DateTimeOffset now) => new(batch, target, Delivery.Queued(now));

    /// <summary>What operations staff see: the address masked, the claim left out.</summary>
    public ExpertNotificationView View() => new(Target.Masked, Delivery.Status, Delivery.Attempts, Delivery.LastError, Delivery.MessageId, Delivery.SentAt);
}

/// <summary>The record's <c>expertNotification</c> as the API shows it.</summary>
public sealed record ExpertNotificationView(
    [property: JsonPropertyName("to")] string To, string Status, int Attempts, string? LastError, string? MessageId, DateTimeOffset? SentAt);
