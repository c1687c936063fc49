using System.Net;
using MeetingLinks.InstantConnect;
using MeetingLinks.Outcomes;

namespace MeetingLinks.Tests.InstantConnect;

public sealed class InstantConnectCircuitBreakerTests
{
    [Fact]
    public async Task An_open_circuit_fails_fast_as_Unavailable_with_the_remaining_break_time()
    {
        var broker = new RecordingBroker { Otherwise = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway)) };
        await using var host = BrokerTestHost.WithBroker(broker);
        var step = TimeSpan.FromMilliseconds(50);

        // Two calls of four attempts each reach the breaker's minimum throughput, all failing: it opens.
        for (var call = 0; call < 2; call++)
        {
            var failure = await BrokerOutcomes.FailureOfAsync(() => host.Clock.RunAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None), step));
            Assert.Contains("502 BadGateway", failure.Detail, StringComparison.Ordinal);
        }

        var rejected = await BrokerOutcomes.FailureOfAsync(() => host.Clock.RunAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None), step));

        Assert.Equal(FailureKind.Unavailable, rejected.Kind);
        Assert.Contains("calls are paused", rejected.Detail, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(10), rejected.RetryAfter);
        Assert.Equal(8, broker.Calls.Count);
    }
}
