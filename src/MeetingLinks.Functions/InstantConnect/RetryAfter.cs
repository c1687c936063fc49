namespace MeetingLinks.InstantConnect;

/// <summary>Reads <c>Retry-After</c> in both forms. HTTP-dates are measured against the injected clock, so tests can fake it.</summary>
internal static class RetryAfter
{
    public static TimeSpan? Read(HttpResponseMessage? response, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => null,
        };

        // A date in the past means "now".
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
