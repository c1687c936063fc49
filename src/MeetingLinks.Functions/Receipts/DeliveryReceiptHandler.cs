using MeetingLinks.Http;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Events;
using MeetingLinks.Meetings.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Receipts;

/// <summary>
/// Reads an authenticated receipt body and records it as a meeting event. The answers follow
/// Webex Connect's retry rules: it does not retry 400 and 404 (a receipt that can never be
/// recorded) and retries 503 (storage may answer next time).
/// </summary>
public sealed class DeliveryReceiptHandler(
    MeetingEventRecorder recorder,
    TimeProvider time,
    IOptions<MeetingsOptions> meetings,
    ILogger<DeliveryReceiptHandler> logger)
{
    /// <summary>Connect wants an answer within 10 s; a late 200 counts as a failure and is sent again.</summary>
    private static readonly TimeSpan AnswerBudget = TimeSpan.FromSeconds(8);

    public async Task<(ReceiptAnswer? Answer, ProblemResult? Problem)> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var reading = DeliveryReceiptParser.Read(body);
        if (reading.Receipt is not { } receipt)
        {
            return Refuse(reading.Error!);
        }

        if (!ReceiptMeetingIds.TryFind(receipt, out var meetingId))
        {
            return Refuse("The receipt names no meeting: put the meeting id in the WhatsApp/SMS node's Correlation ID (or its Callback Data).");
        }

        if (!DeliveryReceiptEvents.TryGetEventType(receipt, out var eventType, out var unknown))
        {
            return Refuse(unknown!);
        }

        var meetingEvent = DeliveryReceiptEvents.ToMeetingEvent(receipt, eventType, time.GetUtcNow());
        using var budget = new CancellationTokenSource(AnswerBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        EventOutcome outcome;
        try
        {
            outcome = await recorder.RecordAsync(meetingId, meetingEvent, linked.Token);
        }
        catch (Exception ex) when (ex is StorageUnavailableException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Receipt for meeting {MeetingId} ({EventType}) not recorded: storage did not answer in time", meetingId, eventType);
            return (null, Problems.Create(StatusCodes.Status503ServiceUnavailable, "storage_unavailable", "Storage is unavailable",
                "The meeting store did not answer and the receipt was not recorded; send it again.", meetings.Value.StorageRetryAfter));
        }

        logger.LogInformation(
            "Receipt for meeting {MeetingId}: {EventType} (code {Code}) via {Channel} to {Destination}, message {MessageId}: {Outcome}",
            meetingId, eventType, meetingEvent.Code ?? "(none)", meetingEvent.Channel ?? "(unknown)", MaskedDestination(receipt.Destination),
            meetingEvent.MessageId ?? "(none)", outcome);
        return outcome switch
        {
            EventOutcome.Recorded => (new ReceiptAnswer(meetingId, eventType, ReceiptAnswer.Recorded), null),
            EventOutcome.Duplicate => (new ReceiptAnswer(meetingId, eventType, ReceiptAnswer.Duplicate), null),
            _ => (null, Problems.NotFound($"No meeting {meetingId}; the receipt was dropped.")),
        };
    }

    private (ReceiptAnswer?, ProblemResult?) Refuse(string detail)
    {
        logger.LogWarning("Refused a receipt: {Reason}", detail);
        return (null, Problems.BadRequest("invalid_receipt", detail));
    }

    /// <summary>Destinations come without the plus (WhatsApp ids) or with it; either way only a masked form is logged.</summary>
    private static string MaskedDestination(string? destination)
        => PhoneNumberNormalizer.TryNormalize(destination, out var e164) ? PhoneNumberNormalizer.Mask(e164)
            : destination is null ? "(none)" : "(unreadable)";
}
