namespace MeetingLinks.Meetings.Storage;

/// <summary>Read, change, write with If-Match, and on a lost race read again and re-apply the change.</summary>
public static class RecordChanges
{
    private const int MaxAttempts = 8;

    /// <summary>
    /// Applies <paramref name="change"/> to the meeting's current record until it is written; the change returns null
    /// for "nothing to do" (then the record comes back unchanged). Null when the meeting is unknown or erased.
    /// </summary>
    public static async Task<MeetingRecord?> ApplyAsync(
        this IMeetingStore store, string meetingId, Func<MeetingRecord, MeetingRecord?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        var stored = await store.GetAsync(meetingId, cancellationToken);
        for (var attempt = 1; attempt <= MaxAttempts && stored is { Record.IsErased: false }; attempt++)
        {
            if (change(stored.Record) is not { } updated)
            {
                return stored.Record;
            }

            var saved = await store.UpdateAsync(stored, updated, cancellationToken);
            if (ReferenceEquals(saved.Record, updated))
            {
                return updated;
            }

            stored = saved;
        }

        return stored is null || stored.Record.IsErased
            ? null
            : throw new StorageUnavailableException($"Meeting {meetingId} kept changing while it was updated.");
    }
}
