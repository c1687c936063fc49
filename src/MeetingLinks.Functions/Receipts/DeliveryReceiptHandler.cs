namespace MeetingLinks.Receipts;

/// <summary>
/// Reads an authenticated receipt body and records it as a meeting event. The answers follow Webex Connect's retry rules: it does not
/// retry 400 and 404 (a receipt that can never be recorded) and retries 503 (storage may answer next time).
/// </summary>
public sealed class DeliveryReceiptHandler(
    MeetingEventRecorder recorder, TimeProvider time, IOptions<MeetingsOptions> meetings, ILogger<DeliveryReceiptHandler> logger)
{
    /// <summary>Connect wants an answer within 10 s; a late 200 counts as a failure and is sent again.</summary>
    private static readonly TimeSpan AnswerBudget = TimeSpan.FromSeconds(8);

    public async Task<Outcome<ReceiptAnswer>> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (!DeliveryReceiptParser.Read(body).TryGet(out var receipt, out var unreadable))
        {
            return Refuse(unreadable);
        }

        if (!receipt.TryFindMeetingId(out var meetingId))
        {
            return Refuse(DeliveryReceipt.Invalid(
                "The receipt names no meeting: put the meeting id in the WhatsApp/SMS node's Correlation ID (or its Callback Data)."));
        }

        if (!receipt.EventType().TryGet(out var eventType, out var unknown))
        {
            return Refuse(unknown);
        }

        var meetingEvent = receipt.ToMeetingEvent(eventType, time.GetUtcNow());
        using var budget = new CancellationTokenSource(AnswerBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        Outcome<EventOutcome> recorded;
        try
        {
            recorded = await recorder.RecordAsync(meetingId, meetingEvent, linked.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Receipt for meeting {MeetingId} ({EventType}) not recorded: storage did not answer in time", meetingId, eventType);
            return Failure.StorageUnavailable(meetings.Value.StorageRetryAfter) with
            {
                Detail = "The meeting store did not answer in time and the receipt was not recorded; send it again.",
            };
        }

        logger.LogInformation(
            "Receipt for meeting {MeetingId}: {EventType} (code {Code}) via {Channel} to {Destination}, message {MessageId}: {Outcome}",
            meetingId, eventType, meetingEvent.Code ?? "(none)", meetingEvent.Channel ?? "(unknown)", MaskedDestination(receipt.Destination),
            meetingEvent.MessageId ?? "(none)", recorded.Succeeded ? recorded.Value : recorded.Failure.Code);
        return recorded.Then<ReceiptAnswer>(outcome => new ReceiptAnswer(meetingId, eventType, outcome.Name()));
    }

    private Failure Refuse(Failure failure)
    {
        logger.LogWarning("Refused a receipt: {Reason}", failure.Detail);
        return failure;
    }

    /// <summary>Destinations come without the plus (WhatsApp ids) or with it; either way only a masked form is logged.</summary>
    private static string MaskedDestination(string? destination)
        => PhoneNumberNormalizer.TryNormalize(destination, out var e164) ? PhoneNumberNormalizer.Mask(e164)
            : destination is null ? "(none)" : "(unreadable)";
}
