namespace MeetingLinks.Receipts;

/// <summary>Turns a receipt into the meeting event it reports.</summary>
public static class DeliveryReceiptEvents
{
    public const string Source = "receipt";

    public const int MaxDetailLength = 500;

    private const string KnownStatuses = "Submitted, Sent, Delivered, Read, Seen, Failed, Un-Delivered, Rejected or Expired";

    /// <summary>A receipt that can never be recorded: Webex Connect does not retry a 400.</summary>
    public static Failure Invalid(string detail) => Failure.Invalid(ProblemCodes.InvalidReceipt, detail);

    /// <summary>The event type for the receipt's deliveryStatus, or for its code when the status is missing.</summary>
    public static Outcome<string> EventTypeOf(DeliveryReceipt receipt)
    {
        var status = receipt.DeliveryStatus;
        var found = status is null ? TypeForCode(receipt.Code?.Trim()) : TypeForStatus(status);
        if (found is not null)
        {
            return found;
        }

        return Invalid(status is null
            ? $"The receipt has no deliveryStatus and its code \"{Clean(receipt.Code, 16)}\" is not 7500, 7501 or 7502."
            : $"Unknown deliveryStatus \"{Clean(status, 40)}\"; expected {KnownStatuses}.");
    }

    public static MeetingEvent ToMeetingEvent(DeliveryReceipt receipt, string eventType, DateTimeOffset receivedAt)
        => new MeetingEvent(
            eventType,
            Clean(receipt.Channel, 32)?.ToLowerInvariant(),
            Clean(receipt.AdditionalInfo, MaxDetailLength) ?? Clean(receipt.Description, MaxDetailLength),
            Clean(receipt.Code, 16),
            Source,
            Clean(receipt.TransId, 128),
            ParseTimeStamp(receipt.TimeStamp) ?? receivedAt,
            receivedAt);

    /// <summary>By <see cref="DateWithOffset"/>'s rule: a time without an offset is not guessed.</summary>
    public static DateTimeOffset? ParseTimeStamp(string? text) => DateWithOffset.TryParse(text, out var utc) ? utc : null;

    /// <summary>Connect's text is not ours to refuse: it is neutralised by <see cref="TextInput"/>'s rule instead.</summary>
    public static string? Clean(string? text, int maxLength) => TextInput.Neutralise(text, maxLength);

    private static string? TypeForStatus(string status)
    {
        var key = new string([.. status.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_'))]).ToUpperInvariant();
        return key switch
        {
            "SUBMITTED" or "SENT" => MeetingStatus.Sent,
            "DELIVERED" => MeetingStatus.Delivered,
            "READ" or "SEEN" => MeetingStatus.Read,
            "FAILED" or "UNDELIVERED" or "REJECTED" or "EXPIRED" => MeetingStatus.Failed,
            _ => null,
        };
    }

    private static string? TypeForCode(string? code) => code switch
    {
        "7501" => MeetingStatus.Sent,
        "7500" => MeetingStatus.Delivered,
        "7502" => MeetingStatus.Read,
        _ => null,
    };
}
