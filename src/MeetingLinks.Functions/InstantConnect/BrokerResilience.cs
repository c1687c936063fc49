using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace MeetingLinks.InstantConnect;

/// <summary>
/// Tunes the standard resilience handler for the broker: total timeout (outermost) → retry → circuit breaker → attempt timeout.
/// The pipeline takes its clock from DI (Polly.Extensions reads <see cref="TimeProvider"/> from the container), so tests can fake it.
/// </summary>
internal static class BrokerResilience
{
    public const int MaxRetriesLimit = 5;

    /// <summary>Names the breaker in Polly telemetry (its own logs of opening and closing).</summary>
    public const string CircuitBreakerName = "InstantConnect-CircuitBreaker";

    // Short first delay: the whole call, retries included, has a few seconds at most.
    private static readonly TimeSpan BaseRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The un-jittered exponential backoff sum the standard handler validates against the total timeout.</summary>
    public static TimeSpan WorstCaseBackoff(int retries) => BaseRetryDelay * ((1 << Math.Max(0, retries)) - 1);

    public static void Configure(HttpStandardResilienceOptions pipeline, IServiceProvider services)
    {
        InstantConnectOptions options;
        try
        {
            options = services.GetRequiredService<IOptions<InstantConnectOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            // Start-up validation of InstantConnectOptions reports this once, clearly; failing here too would repeat it.
            // The client cannot be created with invalid options, so these defaults never carry a call.
            return;
        }

        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<InstantConnectClient>>();
        pipeline.TotalRequestTimeout.Timeout = options.TotalTimeout;
        pipeline.AttemptTimeout.Timeout = options.AttemptTimeout;

        var retry = pipeline.Retry;
        // Polly wants at least one attempt configured; zero retries is expressed by never handling.
        retry.MaxRetryAttempts = Math.Max(1, options.MaxRetries);
        retry.BackoffType = DelayBackoffType.Exponential;
        retry.UseJitter = true;
        retry.Delay = BaseRetryDelay;

        // The built-in Retry-After reader measures HTTP-dates with the system clock; ours uses the injected one.
        retry.ShouldRetryAfterHeader = false;
        retry.DelayGenerator = args => ValueTask.FromResult(UpstreamCall.RetryAfter(args.Outcome.Result, time));
        retry.ShouldHandle = args => ValueTask.FromResult(
            options.MaxRetries > 0
            && HttpClientResiliencePredicates.IsTransient(args.Outcome)
            && !(UpstreamCall.RetryAfter(args.Outcome.Result, time) > options.MaxRetryAfter));
        retry.OnRetry = args =>
        {
            logger.LogWarning("Instant Connect broker attempt {Attempt} failed with {Outcome}; retrying in {RetryDelayMs} ms",
                args.AttemptNumber + 1, Describe(args.Outcome), (long)args.RetryDelay.TotalMilliseconds);
            return default;
        };

        var breaker = pipeline.CircuitBreaker;
        breaker.Name = CircuitBreakerName;
        breaker.FailureRatio = 0.5;
        breaker.MinimumThroughput = 8;
        // Comfortably more than twice any allowed attempt timeout (the standard handler insists on that).
        breaker.SamplingDuration = TimeSpan.FromSeconds(30);
        breaker.BreakDuration = TimeSpan.FromSeconds(10);
    }

    private static string Describe(Polly.Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : outcome.Exception?.GetType().Name ?? "nothing";
}
