using Polly.CircuitBreaker;
using Polly.Telemetry;

namespace MeetingLinks.InstantConnect;

/// <summary>
/// Remembers until when the broker's circuit is open, so a rejected call can tell its caller when to come back
/// (Polly 8.4's BrokenCircuitException does not carry that). Listens to Polly telemetry rather than OnOpened, because
/// Polly runs OnOpened on a background task and the breaker's events are reported inline.
/// </summary>
internal sealed class BrokerCircuitState(TimeProvider time) : TelemetryListener
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
