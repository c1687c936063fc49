namespace MeetingLinks.Meetings.Erasure;

/// <summary>
/// Forgets a customer: one meeting, or every meeting of a phone number still held. Nothing personal remains; the
/// idempotency key is kept only as "erased", so replaying it answers 410 and cannot bring the meeting back.
/// </summary>
public sealed class MeetingEraser(IMeetingStore store, TimeProvider time, ILogger<MeetingEraser> logger)
{
    public async Task<Outcome<ErasureReport>> EraseMeetingAsync(string meetingId, CancellationToken cancellationToken)
    {
        if (await store.EraseAsync(meetingId, time.GetUtcNow(), cancellationToken) is not { } erased)
        {
            return Failure.MeetingNotFound(meetingId);
        }

        Log(erased);
        return new ErasureReport(1);
    }

    public async Task<Outcome<ErasureReport>> EraseCustomerAsync(EraseCustomerRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var phone = errors.Phone("phone", request.Phone);
        if (phone is null && errors.Count == 0)
        {
            errors.Add("phone", "is required: the customer's phone number, in any format.", isPhone: true);
        }

        if (!errors.Or(ProblemCodes.InvalidPhone, () => phone!).TryGet(out var e164, out var invalid))
        {
            return invalid;
        }

        var erased = await store.ErasePhoneAsync(e164, time.GetUtcNow(), cancellationToken);
        foreach (var record in erased)
        {
            Log(record);
        }

        logger.LogInformation("Erasure for {Phone}: {Count} meetings erased", PhoneNumberNormalizer.Mask(e164), erased.Count);
        return new ErasureReport(erased.Count);
    }

    private void Log(MeetingRecord erased)
        => logger.LogInformation("Erased meeting {MeetingId} of {Phone}", erased.MeetingId, PhoneNumberNormalizer.Mask(erased.CustomerPhone));
}

/// <summary>The body of <c>POST /api/customers/erase</c>.</summary>
public sealed class EraseCustomerRequest
{
    /// <summary>In any format a person or WhatsApp writes it; normalised as for create.</summary>
    public string? Phone { get; set; }
}

/// <summary>How many meetings an erasure removed; 0 when there was nothing (left) to erase.</summary>
public sealed record ErasureReport(int Erased);
