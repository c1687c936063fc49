namespace MeetingLinks.Receipts;

/// <summary>
/// One Webex Connect delivery notification as sent, every field as text (codes come as numbers or strings) and none of it trusted
/// yet; and the meeting event it reports.
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
    string? SubTid = null, string? CorrelationId = null, string? CallbackData = null, string? Carrier = null)
{
    public const string EventSource = "receipt";

    public const int MaxDetailLength = 500;

    private const string KnownStatuses = "Submitted, Sent, Delivered, Read, Seen, Failed, Un-Delivered, Rejected or Expired";

    private const int IdLength = 26;

    // Callback data is the flow author's free text; nobody hides an id deeper than this.
    private const int MaxSearchLength = 4096;

    /// <summary>A receipt that can never be recorded: Webex Connect does not retry a 400.</summary>
    public static Failure Invalid(string detail) => Failure.Invalid(ProblemCodes.InvalidReceipt, detail);

    /// <summary>The event type for the deliveryStatus, or for the code when the status is missing.</summary>
    public Outcome<string> EventType()
        => (DeliveryStatus is null ? TypeForCode(Code?.Trim()) : TypeForStatus(DeliveryStatus)) is { } found
            ? found
            : Invalid(DeliveryStatus is null
                ? $"The receipt has no deliveryStatus and its code \"{Clean(Code, 16)}\" is not 7500, 7501 or 7502."
                : $"Unknown deliveryStatus \"{Clean(DeliveryStatus, 40)}\"; expected {KnownStatuses}.");

    public MeetingEvent ToMeetingEvent(string eventType, DateTimeOffset receivedAt)
        => new(
            eventType,
            Clean(Channel, 32)?.ToLowerInvariant(),
            Clean(AdditionalInfo, MaxDetailLength) ?? Clean(Description, MaxDetailLength),
            Clean(Code, 16),
            EventSource,
            Clean(TransId, 128),
            ParseTimeStamp(TimeStamp) ?? receivedAt,
            receivedAt);

    /// <summary>
    /// The meeting the receipt is about: the Correlation ID, or else the Callback Data, which may hold the id alone or inside a small
    /// JSON or <c>key=value</c> text.
    /// </summary>
    public bool TryFindMeetingId(out string meetingId)
    {
        string?[] sources = [CorrelationId, CallbackData];

        // A field that is the id alone wins over an id found inside either.
        var found = sources.Select(source => source?.Trim()).FirstOrDefault(whole => whole is not null && MeetingIds.TryParse(whole, out _, out _))
            ?? sources.Select(FindInside).FirstOrDefault(inside => inside is not null);
        meetingId = found ?? string.Empty;
        return found is not null;
    }

    /// <summary>By <see cref="DateWithOffset"/>'s rule: a time without an offset is not guessed.</summary>
    public static DateTimeOffset? ParseTimeStamp(string? text) => DateWithOffset.TryParse(text, out var utc) ? utc : null;

    /// <summary>Connect's text is not ours to refuse: it is neutralised by <see cref="TextInput"/>'s rule instead.</summary>
    private static string? Clean(string? text, int maxLength) => TextInput.Neutralise(text, maxLength);

    private static string? TypeForStatus(string status)
        => new string([.. status.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_'))]).ToUpperInvariant() switch
        {
            "SUBMITTED" or "SENT" => MeetingStatus.Sent,
            "DELIVERED" => MeetingStatus.Delivered,
            "READ" or "SEEN" => MeetingStatus.Read,
            "FAILED" or "UNDELIVERED" or "REJECTED" or "EXPIRED" => MeetingStatus.Failed,
            _ => null,
        };

    private static string? TypeForCode(string? code) => code switch
    {
        "7501" => MeetingStatus.Sent,
        "7500" => MeetingStatus.Delivered,
        "7502" => MeetingStatus.Read,
        _ => null,
    };

    /// <summary>The first 26 characters that form a meeting id and are not part of a longer word.</summary>
    private static string? FindInside(string? text)
    {
        var span = text.AsSpan();
        span = span[..Math.Min(span.Length, MaxSearchLength)];
        for (var start = 0; start + IdLength <= span.Length; start++)
        {
            var startsWord = start == 0 || !char.IsAsciiLetterOrDigit(span[start - 1]);
            var endsWord = start + IdLength == span.Length || !char.IsAsciiLetterOrDigit(span[start + IdLength]);
            if (startsWord && endsWord && char.IsAsciiDigit(span[start]))
            {
                var candidate = span.Slice(start, IdLength).ToString();
                if (MeetingIds.TryParse(candidate, out _, out _))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
