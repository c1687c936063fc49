namespace MeetingLinks.Meetings.Storage;

/// <summary>Meeting records and idempotency keys. Failures to reach storage surface as <see cref="StorageUnavailableException"/>.</summary>
public interface IMeetingStore
{
    /// <summary>Records <paramref name="candidate"/> unless its key is held (not expired): then that claim comes back.</summary>
    Task<IdempotencyClaim> ClaimKeyAsync(IdempotencyClaim candidate, CancellationToken cancellationToken);

    /// <summary>Inserts the record and its phone entry; when its id is stored, returns that instead (maybe a tombstone).</summary>
    Task<MeetingRecord> AddAsync(MeetingRecord record, CancellationToken cancellationToken);

    /// <summary>The record without its events (what writers need), or null for an unknown, erased or malformed id.</summary>
    Task<MeetingRecord?> GetAsync(string meetingId, CancellationToken cancellationToken);

    /// <summary>The record with its events, as operations staff read it (listings return records with events too).</summary>
    Task<MeetingRecord?> GetWithEventsAsync(string meetingId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores an event in a row of its own beside the meeting; the same event again adds nothing (<c>Added</c> false).
    /// Returns the meeting as stored (without events), or null when it is unknown or erased (then no row is left).
    /// </summary>
    Task<(MeetingRecord Meeting, bool Added)?> AddEventAsync(string meetingId, MeetingEvent meetingEvent, CancellationToken cancellationToken);

    /// <summary>
    /// The one way to change a stored meeting: applies <paramref name="change"/> (null: nothing to change) to the record as stored
    /// (<paramref name="read"/>, a record this store gave out, saves reading it) and writes the result. Changes from this process
    /// take turns; a race lost to a writer elsewhere is applied again to what it wrote, after a random wait that grows each time,
    /// at most <see cref="TableMeetingStore.MaxChangeAttempts"/> times (then <see cref="StorageUnavailableException"/>).
    /// Returns the record as stored afterwards, or null when the meeting is unknown or erased.
    /// </summary>
    Task<MeetingRecord?> ChangeAsync(MeetingRecord read, Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken);

    /// <summary>The same, reading the record by its id first.</summary>
    Task<MeetingRecord?> ChangeAsync(string meetingId, Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the meeting with a tombstone, clears its phone entry and keeps its idempotency key only as "erased" (so a
    /// replay cannot bring it back). Returns the record as it was, or null when there was nothing to erase.
    /// </summary>
    Task<MeetingRecord?> EraseAsync(string meetingId, DateTimeOffset erasedAt, CancellationToken cancellationToken);

    /// <summary>Erases every meeting of an E.164 number still held, finding them by the number alone; returns them as they were.</summary>
    Task<IReadOnlyList<MeetingRecord>> ErasePhoneAsync(string phone, DateTimeOffset erasedAt, CancellationToken cancellationToken);

    /// <summary>
    /// One page of an E.164 number's meetings of UTC days <paramref name="firstDay"/>..<paramref name="lastDay"/>, newest first, matching
    /// <paramref name="filter"/>; a page may hold fewer than <paramref name="maxItems"/> when more follow, and a null token ends the listing.
    /// </summary>
    Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListPhoneAsync(
        string phone, DateOnly firstDay, DateOnly lastDay, MeetingFilter filter, string? continuation, int maxItems, CancellationToken cancellationToken);

    /// <summary>One page of a UTC day's meetings, newest first, matching <paramref name="filter"/> (all but its phone).</summary>
    Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListDayAsync(
        DateOnly day, MeetingFilter filter, string? continuation, int maxItems, CancellationToken cancellationToken);

    /// <summary>
    /// One page of a UTC day's meetings as the day's summary counts them: the rows <see cref="ListDayAsync"/> lists without filters
    /// (erased meetings are not among them), each read with only its creation time, status, start, reminders, links, the experts'
    /// messages and answer and the flow's events; nothing personal, and no event rows. A null token ends the day.
    /// </summary>
    Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListDayOutlinesAsync(
        DateOnly day, string? continuation, CancellationToken cancellationToken);

    /// <summary>One page of the visits that start on UTC day <paramref name="day"/>, in the order they start, matching <paramref name="filter"/>.</summary>
    Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListStartDayAsync(
        DateOnly day, MeetingFilter filter, string? continuation, int maxItems, CancellationToken cancellationToken);

    /// <summary>Deletes every meeting created on a UTC day before <paramref name="firstDayKept"/>; returns how many.</summary>
    Task<int> DeleteMeetingsBeforeAsync(DateOnly firstDayKept, CancellationToken cancellationToken);

    /// <summary>Deletes idempotency keys that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredKeysAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Work that records have had open (<see cref="MeetingRecord.OpenWork"/>) since before <paramref name="openBefore"/>, a timer
    /// since it was due, by meeting, kind and id, at most <paramref name="maxItems"/>; read from an index, never from the meetings.
    /// <see cref="ChangeAsync(MeetingRecord, Func{MeetingRecord, MeetingRecord?}, CancellationToken)"/> keeps the index.
    /// </summary>
    Task<IReadOnlyList<NotificationMessage>> FindOpenWorkAsync(DateTimeOffset openBefore, int maxItems, CancellationToken cancellationToken);

    /// <summary>Counts <paramref name="work"/> as open since <paramref name="since"/> (the sweep queued it again).</summary>
    Task KeepOpenWorkAsync(NotificationMessage work, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="work"/> from the index: its record has it settled, or is gone.</summary>
    Task ForgetOpenWorkAsync(NotificationMessage work, CancellationToken cancellationToken);

    /// <summary>Whether the table answers; for readiness probes.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}

/// <summary>Exact-match filters for listings; null means any.</summary>
/// <param name="ExpertNotification">The status of the latest message to the expert.</param>
/// <param name="ExpertResponse">
/// How the experts answered (<see cref="MeetingRecord.ExpertAnswer"/>): <c>joining</c>, <c>declined</c>, <c>unanswered</c>,
/// <c>unreachable</c>, or <see cref="NoResponse"/>.
/// </param>
/// <param name="StartsOn">Only visits that start on this UTC day, read through that day's start rows.</param>
public sealed record MeetingFilter(
    string? Phone, string? Reference, string? Status, string? ExpertNotification = null, string? ExpertResponse = null, DateOnly? StartsOn = null)
{
    public const string NoResponse = "none";

    /// <summary>The values the listing's <c>expertResponse</c> filter takes.</summary>
    public static IReadOnlyList<string> ExpertAnswers { get; } =
        [.. Experts.ExpertResponse.Answers, Experts.ExpertChain.Unanswered, Experts.ExpertChain.Unreachable, NoResponse];

    public static readonly MeetingFilter None = new(null, null, null);

    /// <summary>Whether a record passes the filters other than the phone number (the store applies those it can itself).</summary>
    public bool Matches(MeetingRecord record)
        => (Reference is null || record.Reference == Reference)
            && (Status is null || record.Status == Status)
            && (ExpertNotification is null || record.ExpertNotification?.Status == ExpertNotification)
            && (ExpertResponse is null || record.ExpertAnswer == ExpertResponse);
}

/// <summary>An idempotency key (stored only as a SHA-256 digest) bound to one meeting and one request fingerprint.</summary>
/// <param name="Erased">The key's meeting was erased: the key is kept only to say so.</param>
/// <param name="Batch">For an add-links key: the batch of links it issued (or will issue).</param>
public sealed record IdempotencyClaim(
    string KeyHash, string Fingerprint, string MeetingId, string Sub, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool IsNew,
    bool Erased = false, string? Batch = null);

public sealed class StorageUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
