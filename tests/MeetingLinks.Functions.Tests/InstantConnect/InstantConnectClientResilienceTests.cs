using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MeetingLinks.InstantConnect;
using MeetingLinks.Outcomes;

namespace MeetingLinks.Tests.InstantConnect;

public sealed class InstantConnectClientResilienceTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_503_is_retried_with_the_same_body_and_then_succeeds()
    {
        await using var host = BrokerTestHost.WithBroker(new RecordingBroker().Then(HttpStatusCode.ServiceUnavailable).ThenOk());

        var links = (await host.Clock.RunAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(sub: "same-sub-42"), CancellationToken.None), Step)).Links();

        Assert.Equal("https://instant.webex.com/visit/oCVp2LD", Assert.Single(links.Hosts).Url);
        var calls = host.Broker!.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0].Body, calls[1].Body);
        Assert.All(calls, call => Assert.Equal("same-sub-42", JsonNode.Parse(call.Body)!["jwt"]!["sub"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_429_with_Retry_After_2_waits_2_seconds_of_fake_time_before_retrying()
    {
        await using var host = BrokerTestHost.WithBroker(new RecordingBroker()
            .Then(HttpStatusCode.TooManyRequests, retryAfter: new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)))
            .ThenOk());

        var call = TestClock.StartInline(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None));
        await host.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(2));

        host.Clock.Advance(TimeSpan.FromMilliseconds(1_999));
        Assert.Single(host.Broker!.Calls);
        Assert.False(call.IsCompleted);

        host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await host.Broker.WaitForCallsAsync(2);
        var links = (await call.WaitAsync(TestClock.Safety)).Links();
        Assert.Single(links.Hosts);
    }

    [Fact]
    public async Task A_Retry_After_given_as_an_HTTP_date_is_measured_on_the_injected_clock()
    {
        var broker = new RecordingBroker();
        await using var host = BrokerTestHost.WithBroker(broker);
        broker.Then(HttpStatusCode.ServiceUnavailable, retryAfter: new RetryConditionHeaderValue(host.Clock.GetUtcNow().AddSeconds(3))).ThenOk();

        var call = TestClock.StartInline(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None));
        await host.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        host.Clock.Advance(TimeSpan.FromSeconds(3));

        await call.WaitAsync(TestClock.Safety);
        Assert.Equal(2, broker.Calls.Count);
    }

    [Fact]
    public async Task A_Retry_After_above_MaxRetryAfter_fails_fast_as_Unavailable_carrying_it()
    {
        await using var host = BrokerTestHost.WithBroker(new RecordingBroker()
            .Then(HttpStatusCode.TooManyRequests, retryAfter: new RetryConditionHeaderValue(TimeSpan.FromSeconds(30))));

        var failure = await BrokerOutcomes.FailureOfAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None).WaitAsync(TestClock.Safety));

        Assert.Equal(FailureKind.Unavailable, failure.Kind);
        Assert.Contains("429 TooManyRequests", failure.Detail, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(30), failure.RetryAfter);
        Assert.Contains("InstantConnect__MaxRetryAfter", failure.Detail, StringComparison.Ordinal);
        Assert.Single(host.Broker!.Calls);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task A_refused_token_is_not_retried_and_tells_the_operator_what_to_check(HttpStatusCode status)
    {
        await using var host = BrokerTestHost.WithBroker(new RecordingBroker().Then(status));

        var failure = await BrokerOutcomes.FailureOfAsync(() => host.Clock.RunAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None), Step));

        Assert.Equal(FailureKind.UpstreamRejected, failure.Kind);
        Assert.Contains($"{(int)status} {status}", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("InstantConnect__BotToken", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("instant.webex.com/integrate", failure.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(BrokerTestHost.BotToken, failure.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(BrokerTestHost.BotToken, StringComparison.Ordinal));
        Assert.Single(host.Broker!.Calls);
    }

    [Fact]
    public async Task A_400_is_Rejected_without_retrying()
    {
        await using var host = BrokerTestHost.WithBroker(new RecordingBroker().Then(HttpStatusCode.BadRequest));

        var failure = await BrokerOutcomes.FailureOfAsync(() => host.Clock.RunAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None), Step));

        Assert.Equal(FailureKind.UpstreamRejected, failure.Kind);
        Assert.Contains("400 ", failure.Detail, StringComparison.Ordinal);
        Assert.Single(host.Broker!.Calls);
    }

    [Fact]
    public async Task A_persistent_500_is_Unavailable_after_one_call_plus_MaxRetries()
    {
        var broker = new RecordingBroker { Otherwise = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError)) };
        await using var host = BrokerTestHost.WithBroker(broker);

        var failure = await BrokerOutcomes.FailureOfAsync(() => host.Clock.RunAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None), Step));

        Assert.Equal(FailureKind.Unavailable, failure.Kind);
        Assert.Contains("500 ", failure.Detail, StringComparison.Ordinal);
        Assert.Equal(1 + 3, broker.Calls.Count);
    }

    [Fact]
    public async Task With_MaxRetries_0_a_503_is_not_retried()
    {
        var broker = new RecordingBroker().Then(HttpStatusCode.ServiceUnavailable);
        await using var host = BrokerTestHost.WithBroker(broker, new() { ["InstantConnect:MaxRetries"] = "0" });

        var failure = await BrokerOutcomes.FailureOfAsync(() => host.Clock.RunAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None), Step));

        Assert.Equal(FailureKind.Unavailable, failure.Kind);
        Assert.Contains("503 ", failure.Detail, StringComparison.Ordinal);
        Assert.Single(broker.Calls);
    }

    [Fact]
    public async Task Transport_errors_are_retried_and_end_as_Unavailable()
    {
        var broker = new RecordingBroker { Otherwise = _ => throw new HttpRequestException(HttpRequestError.ConnectionError, "boom") };
        await using var host = BrokerTestHost.WithBroker(broker, new() { ["InstantConnect:MaxRetries"] = "2" });

        var failure = await BrokerOutcomes.FailureOfAsync(() => host.Clock.RunAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None), Step));

        Assert.Equal(FailureKind.Unavailable, failure.Kind);
        Assert.Contains("could not be reached: ConnectionError", failure.Detail, StringComparison.Ordinal);
        Assert.Equal(3, broker.Calls.Count);
    }

    [Fact]
    public async Task A_broker_that_hangs_gives_TimedOut_once_fake_time_passes_TotalTimeout()
    {
        var broker = new RecordingBroker { Otherwise = RecordingBroker.Hang };
        await using var host = BrokerTestHost.WithBroker(broker);
        var started = host.Clock.GetUtcNow();

        var failure = await BrokerOutcomes.FailureOfAsync(() => host.Clock.RunAsync(() => host.Client.CreateLinksAsync(BrokerTestHost.Request(), CancellationToken.None), Step));

        Assert.Equal(FailureKind.TimedOut, failure.Kind);
        var elapsed = host.Clock.GetUtcNow() - started;
        Assert.InRange(elapsed, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8) + Step);
        Assert.True(broker.Calls.Count >= 2, "the attempt timeout should have cut at least one attempt short and retried");
    }

    [Fact]
    public async Task Caller_cancellation_propagates_as_OperationCanceledException()
    {
        await using var host = BrokerTestHost.WithBroker(new RecordingBroker { Otherwise = RecordingBroker.Hang });
        using var caller = new CancellationTokenSource();

        var call = host.Client.CreateLinksAsync(BrokerTestHost.Request(), caller.Token);
        await host.Broker!.WaitForCallsAsync(1);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestClock.Safety));
    }
}
