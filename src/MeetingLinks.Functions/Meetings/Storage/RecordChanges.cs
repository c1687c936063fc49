namespace MeetingLinks.Meetings.Storage;

/// <summary>Read, change, write with If-Match, and on a lost race read again and re-apply the change.</summary>
public static class RecordChanges
{
    private const int MaxAttempts = 8;

    /// <summary>
    /// Applies <paramref name="change"/> to the meeting's current record until it is written; the change returns null
    /// for "nothing to do" (then the record comes back unchanged). Null when the meeting is unknown or erased.
    /// </summary>
    public static async Task<StoredMeeting?> ApplyAsync(
        this IMeetingStore store, string meetingId, Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.ApplyAsync(await store.GetAsync(meetingId, cancellationToken), change, cancellationToken);
    }

    /// <summary>The same, starting from a record just read (and its version), which saves reading it again.</summary>
    public static async Task<StoredMeeting?> ApplyAsync(
        this IMeetingStore store, StoredMeeting? stored, Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; attempt <= MaxAttempts && stored is { Record.IsErased: false }; attempt++)
        {
            if (change(stored.Record) is not { } updated)
            {
                return stored;
            }

            var saved = await store.UpdateAsync(stored, updated, cancellationToken);
            if (ReferenceEquals(saved.Record, updated))
            {
                return saved;
            }

            stored = saved.Record.IsErased ? null : saved;
        }

        return stored is null
            ? null
            : throw new StorageUnavailableException($"Meeting {stored.Record.MeetingId} kept changing while it was updated.");
    }
}
