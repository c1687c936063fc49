namespace MeetingLinks.Meetings.Storage;

/// <summary>
/// How <see cref="IMeetingStore.ChangeAsync(MeetingRecord, Func{MeetingRecord, MeetingRecord?}, CancellationToken)"/>
/// waits after a lost race: a random time up to a ceiling that doubles from 10 ms to at most 320 ms, so that writers
/// that collided spread out instead of colliding again. Ten attempts wait about 1.3 s at the very most.
/// </summary>
public static class MeetingChanges
{
    public const int MaxAttempts = 10;

    private static readonly TimeSpan FirstCeiling = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LastCeiling = TimeSpan.FromMilliseconds(320);

    /// <summary>The wait before attempt <paramref name="attempt"/> (2 or more), on <paramref name="time"/>'s clock.</summary>
    public static Task WaitBeforeAsync(int attempt, TimeProvider time, CancellationToken cancellationToken)
    {
        var ceiling = Math.Min(FirstCeiling.TotalMilliseconds * Math.Pow(2, attempt - 2), LastCeiling.TotalMilliseconds);
        return Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), time, cancellationToken);
    }
}
