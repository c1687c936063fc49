using Polly.CircuitBreaker;
using Polly.Telemetry;

namespace MeetingLinks.InstantConnect;

/// <summary>
/// Until when the broker's circuit is open, for a rejected call's <c>Retry-After</c> (Polly 8.4's BrokenCircuitException
/// lacks it). Read from telemetry, which Polly reports inline, rather than OnOpened, which it runs on a background task.
/// </summary>
internal sealed class BrokerCircuitState(TimeProvider time) : TelemetryListener
{
    private long _openUntilUtcTicks;

    /// <summary>Time left before the breaker lets a probe through; null when closed (0 ticks: long past) or already due.</summary>
    public TimeSpan? RemainingBreak
        => new DateTimeOffset(Interlocked.Read(ref _openUntilUtcTicks), TimeSpan.Zero) - time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : null;

    public override void Write<TResult, TArgs>(in TelemetryEventArguments<TResult, TArgs> args)
    {
        // Every Polly pipeline in the app reports here; only the broker's breaker matters.
        if (args.Source.StrategyName != BrokerResilience.CircuitBreakerName)
        {
            return;
        }

        switch (args.Arguments)
        {
            case OnCircuitOpenedArguments<HttpResponseMessage> opened:
                Interlocked.Exchange(ref _openUntilUtcTicks, (time.GetUtcNow() + opened.BreakDuration).UtcTicks);
                break;
            case OnCircuitClosedArguments<HttpResponseMessage>:
                Interlocked.Exchange(ref _openUntilUtcTicks, 0);
                break;
        }
    }
}
