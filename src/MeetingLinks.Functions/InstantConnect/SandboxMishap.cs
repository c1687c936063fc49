using System.Security.Cryptography;

namespace MeetingLinks.InstantConnect;

/// <summary>The sandbox's stand-ins misbehave as configured: late by a fixed latency, and failing a share of calls at random.</summary>
internal static class SandboxMishap
{
    /// <summary>Waits <paramref name="latency"/>, then says whether this call is one of the <paramref name="failureRate"/> that fail.</summary>
    public static async Task<bool> DelayThenFailsAsync(TimeSpan latency, double failureRate, TimeProvider time, CancellationToken cancellationToken)
    {
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, cancellationToken);
        }

        return failureRate > 0 && RandomNumberGenerator.GetInt32(1_000_000) < failureRate * 1_000_000;
    }
}
