using MeetingLinks.InstantConnect;
using MeetingLinks.Outcomes;

namespace MeetingLinks.Tests.InstantConnect;

/// <summary>The production client over a recording broker, with faults scripted through <see cref="ScriptedBrokerFaults"/>.</summary>
public sealed class ScriptedFaultsTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Scripted_503_is_retried_and_the_next_answer_succeeds()
    {
        await using var host = BrokerTestHost.WithBroker();
        host.Faults.NextAnswers(503).NextFailsInTransport();

        var links = (await host.Clock.RunAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None), Step)).Links();

        Assert.Single(links.Guests);
        Assert.Equal(0, host.Faults.Pending);
    }

    [Fact]
    public async Task Scripted_hangs_end_as_TimedOut_at_the_total_timeout()
    {
        await using var host = BrokerTestHost.WithBroker();
        for (var i = 0; i < 4; i++)
        {
            host.Faults.NextHangsUntilCancelled();
        }

        var started = host.Clock.GetUtcNow();
        var failure = await BrokerOutcomes.FailureOfAsync(() => host.Clock.RunAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None), Step));

        Assert.Equal(FailureKind.TimedOut, failure.Kind);
        Assert.InRange(host.Clock.GetUtcNow() - started, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8) + Step);
    }
}
