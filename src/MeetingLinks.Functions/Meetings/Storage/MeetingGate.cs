namespace MeetingLinks.Meetings.Storage;

/// <summary>
/// One change at a time per meeting within this process: receipts, events and new links for one busy meeting queue up
/// here instead of racing each other to the table and losing. Writers in other instances still meet the table's
/// If-Match, which <see cref="TableMeetingStore"/> answers by re-reading and re-applying.
/// </summary>
internal sealed class MeetingGate
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Waits for the meeting's turn; dispose the result to give it up.</summary>
    public async Task<Turn> EnterAsync(string meetingId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_lock)
        {
            entry = _entries.TryGetValue(meetingId, out var held) ? held : _entries[meetingId] = new Entry();
            entry.Users++;
        }

        var turn = new Turn(this, meetingId, entry, waited: !entry.Semaphore.Wait(0, CancellationToken.None));
        try
        {
            if (turn.Waited)
            {
                await entry.Semaphore.WaitAsync(cancellationToken);
            }
        }
        catch
        {
            Leave(meetingId, entry);
            throw;
        }

        return turn;
    }

    private void Leave(string meetingId, Entry entry)
    {
        lock (_lock)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(meetingId);
                entry.Semaphore.Dispose();
            }
        }
    }

    internal sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    /// <summary>A meeting's turn; <see cref="Waited"/> when another change held it first (what was read before may be stale).</summary>
    public sealed class Turn(MeetingGate gate, string meetingId, Entry entry, bool waited) : IDisposable
    {
        private int _disposed;

        public bool Waited => waited;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                entry.Semaphore.Release();
                gate.Leave(meetingId, entry);
            }
        }
    }
}
