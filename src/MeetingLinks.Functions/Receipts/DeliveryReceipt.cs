namespace MeetingLinks.Receipts;

/// <summary>
/// One Webex Connect delivery notification as sent, every field as text (codes come as numbers
/// or strings) and none of it trusted yet.
/// </summary>
public sealed record DeliveryReceipt
{
    /// <summary>Submitted, Delivered, Read, Failed, Un-Delivered…</summary>
    public string? DeliveryStatus { get; init; }

    /// <summary>7501 submitted, 7500 delivered, 7502 read…</summary>
    public string? Code { get; init; }

    /// <summary><c>whatsapp</c> or <c>SMS</c>, in either case.</summary>
    public string? Channel { get; init; }

    public string? TimeStamp { get; init; }

    /// <summary>The customer's number: log it masked only.</summary>
    public string? Destination { get; init; }

    /// <summary>The carrier's or Meta's error text.</summary>
    public string? AdditionalInfo { get; init; }

    public string? Description { get; init; }

    public string? TransId { get; init; }

    public string? SubTid { get; init; }

    /// <summary>The node's Correlation ID: where the flow should put the meeting id.</summary>
    public string? CorrelationId { get; init; }

    public string? CallbackData { get; init; }

    public string? Carrier { get; init; }
}
