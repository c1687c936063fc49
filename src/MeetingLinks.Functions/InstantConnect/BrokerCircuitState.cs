namespace MeetingLinks.InstantConnect;

/// <summary>
/// Remembers until when the broker's circuit is open, so a rejected call can tell its caller when to come back
/// (Polly 8.4's BrokenCircuitException does not carry that).
/// </summary>
internal sealed class BrokerCircuitState(TimeProvider time)
{
    private long _openUntilUtcTicks;

    /// <summary>Time left before the breaker lets a probe through; null when closed or already due.</summary>
    public TimeSpan? RemainingBreak
    {
        get
        {
            var until = Interlocked.Read(ref _openUntilUtcTicks);
            if (until == 0)
            {
                return null;
            }

            var remaining = new DateTimeOffset(until, TimeSpan.Zero) - time.GetUtcNow();
            return remaining > TimeSpan.Zero ? remaining : null;
        }
    }

    internal void Opened(TimeSpan breakDuration) =>
        Interlocked.Exchange(ref _openUntilUtcTicks, (time.GetUtcNow() + breakDuration).UtcTicks);

    internal void Closed() => Interlocked.Exchange(ref _openUntilUtcTicks, 0);
}
