using MeetingLinks.InstantConnect;

namespace MeetingLinks.Tests.InstantConnect;

/// <summary>The production client over the sandbox broker, with faults scripted through <see cref="ScriptedBrokerFaults"/>.</summary>
public sealed class SandboxEndToEndTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_local_run_without_a_token_gets_sandbox_links_through_the_production_path()
    {
        await using var host = BrokerTestHost.WithSandbox();

        var links = await host.Client.CreateLinksAsync(BrokerTestHost.Request(hosts: 1, guests: 2), CancellationToken.None);

        Assert.Equal("http://localhost:7071/api/sandbox/visit/", links.BaseUrl);
        Assert.All(links.Hosts.Concat(links.Guests), link =>
            Assert.Matches("^http://localhost:7071/api/sandbox/visit/[A-Za-z0-9]{7}$", link.Url));
        Assert.Equal(3, links.Hosts.Concat(links.Guests).Select(link => link.ShortCode).Distinct().Count());
    }

    [Fact]
    public async Task Scripted_503_is_retried_and_the_next_answer_succeeds()
    {
        await using var host = BrokerTestHost.WithSandbox();
        host.Faults.NextAnswers(503).NextFailsInTransport();

        var links = await host.Clock.RunAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None), Step);

        Assert.Single(links.Guests);
        Assert.Equal(0, host.Faults.Pending);
    }

    [Fact]
    public async Task Scripted_hangs_end_as_TimedOut_at_the_total_timeout()
    {
        await using var host = BrokerTestHost.WithSandbox();
        for (var i = 0; i < 4; i++)
        {
            host.Faults.NextHangsUntilCancelled();
        }

        var started = host.Clock.GetUtcNow();
        var failure = await Assert.ThrowsAsync<InstantConnectException>(
            () => host.Clock.RunAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None), Step));

        Assert.Equal(BrokerFailure.TimedOut, failure.Failure);
        Assert.InRange(host.Clock.GetUtcNow() - started, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8) + Step);
    }

    [Fact]
    public async Task Latency_is_spent_on_the_injected_clock()
    {
        await using var host = BrokerTestHost.WithSandbox(new() { ["Sandbox:Latency"] = "00:00:01.5" });

        var call = TestClock.StartInline(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None));
        await host.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(1.5));
        Assert.False(call.IsCompleted);
        host.Clock.Advance(TimeSpan.FromSeconds(1.5));

        Assert.Single((await call.WaitAsync(TestClock.Safety)).Hosts);
    }
}
