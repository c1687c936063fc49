namespace MeetingLinks.Receipts;

/// <summary>
/// One Webex Connect delivery notification as sent, every field as text (codes come as numbers
/// or strings) and none of it trusted yet.
/// </summary>
/// <param name="DeliveryStatus">Submitted, Delivered, Read, Failed, Un-Delivered…</param>
/// <param name="Code">7501 submitted, 7500 delivered, 7502 read…</param>
/// <param name="Channel"><c>whatsapp</c> or <c>SMS</c>, in either case.</param>
/// <param name="Destination">The customer's number: log it masked only.</param>
/// <param name="AdditionalInfo">The carrier's or Meta's error text.</param>
/// <param name="CorrelationId">The node's Correlation ID: where the flow should put the meeting id.</param>
public sealed record DeliveryReceipt(
    string? DeliveryStatus = null, string? Code = null, string? Channel = null, string? TimeStamp = null,
    string? Destination = null, string? AdditionalInfo = null, string? Description = null, string? TransId = null,
    string? SubTid = null, string? CorrelationId = null, string? CallbackData = null, string? Carrier = null);
