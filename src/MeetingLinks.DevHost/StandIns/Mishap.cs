using System.Security.Cryptography;

namespace MeetingLinks.DevHost.StandIns;

/// <summary>The stand-ins misbehave as configured: late by a fixed latency, and failing a share of calls at random.</summary>
internal static class Mishap
{
    /// <summary>Waits <paramref name="latency"/>, then says whether this call is one of the <paramref name="failureRate"/> that fail.</summary>
    public static async Task<bool> DelayThenFailsAsync(TimeSpan latency, double failureRate, CancellationToken cancellationToken)
    {
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken);
        }

        return failureRate > 0 && RandomNumberGenerator.GetInt32(1_000_000) < failureRate * 1_000_000;
    }
}
