using MeetingLinks.Http;
using MeetingLinks.InstantConnect;
using MeetingLinks.Outcomes;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Create;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Notifications;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace MeetingLinks.Tests.Meetings;

public class MeetingCreatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryMeetingStore _store = new();
    private readonly IInstantConnectClient _broker = Substitute.For<IInstantConnectClient>();
    private readonly MeetingCreator _creator;

    public MeetingCreatorTests()
    {
        var options = Options.Create(new MeetingsOptions());
        var issuer = new LinkIssuer(_store, _broker, new NotificationOutbox(new ConfigurationBuilder().Build(), _time), options, _time, NullLogger<LinkIssuer>.Instance);
        _creator = new MeetingCreator(_store, issuer, Options.Create(new MeetingLinks.Experts.ExpertsOptions()), Options.Create(new MeetingLinks.Meetings.Visits.VisitsOptions()), _time, NullLogger<MeetingCreator>.Instance);
        _broker.CreateLinksAsync(Arg.Any<MeetingLinkRequest>(), Arg.Any<CancellationToken>())
            .Returns(call => Links(call.Arg<MeetingLinkRequest>().Sub));
    }

    [Fact]
    public async Task Create_without_key_stores_the_links_and_answers_with_the_first_guest_link()
    {
        var outcome = await _creator.CreateAsync(Request(), CancellationToken.None);

        var response = Assert.IsType<MeetingLinksResponse>(outcome.Value);
        Assert.Equal("https://example.test/visit/g-" + response.Sub[..4], response.GuestUrl);
        Assert.Equal("g-" + response.Sub[..4], response.GuestSuffix);
        Assert.Equal(response.BaseUrl + response.GuestSuffix, response.GuestUrl);
        Assert.False(response.Replayed);
        var stored = Assert.Single(_store.Meetings);
        Assert.Equal(MeetingStatus.Created, stored.Status);
        Assert.Equal(response.Sub, stored.Sub);
        Assert.Equal(Now.AddDays(1), response.ExpiresAt);
    }

    [Fact]
    public async Task The_broker_gets_the_stored_sub_and_an_expiry_even_when_none_was_asked()
    {
        await _creator.CreateAsync(Request(), CancellationToken.None);

        var stored = Assert.Single(_store.Meetings);
        await _broker.Received(1).CreateLinksAsync(
            Arg.Is<MeetingLinkRequest>(r => r.Sub == stored.Sub && r.ExpiresAt == Now.AddDays(1) && r.NotBefore == null),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Same_key_and_same_body_replays_without_calling_the_broker_again()
    {
        var first = await _creator.CreateAsync(Request("key-1"), CancellationToken.None);
        var second = await _creator.CreateAsync(Request("key-1"), CancellationToken.None);

        Assert.True(second.Value!.Replayed);
        Assert.Equal(first.Value!.MeetingId, second.Value.MeetingId);
        Assert.Equal(first.Value.Sub, second.Value.Sub);
        Assert.Equal(first.Value.GuestUrl, second.Value.GuestUrl);
        Assert.Equal(first.Value.HostUrls, second.Value.HostUrls);
        Assert.Equal(first.Value.ExpiresAt, second.Value.ExpiresAt);
        await _broker.Received(1).CreateLinksAsync(Arg.Any<MeetingLinkRequest>(), Arg.Any<CancellationToken>());
        Assert.Single(_store.Meetings);
    }

    [Fact]
    public async Task Links_are_kept_when_a_duplicate_with_the_same_key_recorded_its_broker_failure_meanwhile()
    {
        // While this call waits for the broker, a duplicate of it (same key) fails at the broker and notes that on the record.
        _broker.CreateLinksAsync(Arg.Any<MeetingLinkRequest>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var pending = Assert.Single(_store.Meetings);
            _store.Overwrite(pending with { LastError = "upstream_unavailable", UpdatedAt = Now.AddSeconds(1) });
            return Links(call.Arg<MeetingLinkRequest>().Sub);
        });

        var outcome = await _creator.CreateAsync(Request("key-race"), CancellationToken.None);

        Assert.False(outcome.Value!.Replayed);
        var stored = Assert.Single(_store.Meetings);
        Assert.Equal((MeetingStatus.Created, (string?)null), (stored.Status, stored.LastError));
        Assert.Equal(outcome.Value.GuestUrl, stored.GuestUrls[0]);
    }

    [Fact]
    public async Task Same_key_with_different_parameters_is_a_409_conflict()
    {
        await _creator.CreateAsync(Request("key-1"), CancellationToken.None);

        var outcome = await _creator.CreateAsync(Request("key-1") with { Reference = "OTHER" }, CancellationToken.None);

        Assert.Equal(409, outcome.Failure!.ToProblem().StatusCode);
        Assert.Equal("idempotency_conflict", outcome.Failure!.Code);
        Assert.Single(_store.Meetings);
    }

    [Fact]
    public async Task Storage_failure_after_the_broker_call_loses_nothing_and_the_retry_reuses_the_sub()
    {
        _store.FailNextUpdates = 1;
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _creator.CreateAsync(Request("key-1"), CancellationToken.None));

        var retried = await _creator.CreateAsync(Request("key-1"), CancellationToken.None);

        var meeting = Assert.Single(_store.Meetings);
        Assert.Equal(meeting.Sub, retried.Value!.Sub);
        await _broker.Received(2).CreateLinksAsync(Arg.Is<MeetingLinkRequest>(r => r.Sub == meeting.Sub), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Storage_unavailable_before_the_broker_call_fails_the_create_and_the_broker_is_not_called()
    {
        _store.FailClaims = true;

        await Assert.ThrowsAsync<StorageUnavailableException>(() => _creator.CreateAsync(Request("key-1"), CancellationToken.None));

        await _broker.DidNotReceiveWithAnyArgs().CreateLinksAsync(default!, default);
    }

    [Fact]
    public async Task A_concurrent_writer_that_stored_links_first_wins_and_this_call_answers_with_its_links()
    {
        _broker.CreateLinksAsync(Arg.Any<MeetingLinkRequest>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            // While this call waits for the broker, a duplicate request completes the same meeting.
            var pending = Assert.Single(_store.Meetings);
            _store.Overwrite(pending with
            {
                Status = MeetingStatus.Created,
                Links = [new IssuedLink(IssuedLink.Guest, "https://example.test/visit/winner", "winner", Now, Now.AddDays(1), Now, IssuedLink.CreateBatch)],
            });
            return Links(call.Arg<MeetingLinkRequest>().Sub);
        });

        var outcome = await _creator.CreateAsync(Request("key-1"), CancellationToken.None);

        Assert.Equal("https://example.test/visit/winner", outcome.Value!.GuestUrl);
        Assert.True(outcome.Value.Replayed);
    }

    [Fact]
    public async Task Broker_rejection_is_a_502_and_the_record_says_rejected()
    {
        _broker.CreateLinksAsync(Arg.Any<MeetingLinkRequest>(), Arg.Any<CancellationToken>())
            .Returns(new Failure(FailureKind.UpstreamRejected, "upstream_rejected", "Webex Instant Connect refused the request", "Check InstantConnect__BotToken."));

        var outcome = await _creator.CreateAsync(Request(), CancellationToken.None);

        Assert.Equal(502, outcome.Failure!.ToProblem().StatusCode);
        Assert.Equal("upstream_rejected", outcome.Failure!.Code);
        Assert.Contains("InstantConnect__BotToken", outcome.Failure!.Detail, StringComparison.Ordinal);
        var stored = Assert.Single(_store.Meetings);
        Assert.Equal(MeetingStatus.Rejected, stored.Status);
        Assert.Equal("upstream_rejected", stored.LastError);
    }

    [Fact]
    public async Task Broker_unavailable_is_a_503_passing_on_its_retry_after()
    {
        _broker.CreateLinksAsync(Arg.Any<MeetingLinkRequest>(), Arg.Any<CancellationToken>())
            .Returns(new Failure(FailureKind.Unavailable, "upstream_unavailable", "Webex Instant Connect is unavailable", "Busy.", TimeSpan.FromSeconds(30)));

        var outcome = await _creator.CreateAsync(Request(), CancellationToken.None);

        Assert.Equal(503, outcome.Failure!.ToProblem().StatusCode);
        Assert.Equal("upstream_unavailable", outcome.Failure!.Code);
        Assert.Equal(TimeSpan.FromSeconds(30), outcome.Failure!.RetryAfter);
    }

    [Fact]
    public async Task A_meeting_cancelled_before_it_had_links_is_not_revived_by_a_retry_of_its_create()
    {
        _broker.CreateLinksAsync(Arg.Any<MeetingLinkRequest>(), Arg.Any<CancellationToken>())
            .Returns(new Failure(FailureKind.Unavailable, "upstream_unavailable", "Webex Instant Connect is unavailable", "Busy."), Links("retried"));
        await _creator.CreateAsync(Request("key-cancelled"), CancellationToken.None);
        var meeting = Assert.Single(_store.Meetings);
        await _store.ChangeAsync(meeting.MeetingId, r => r with { Status = MeetingStatus.Cancelled }, CancellationToken.None);

        var retried = await _creator.CreateAsync(Request("key-cancelled"), CancellationToken.None);

        Assert.Equal("meeting_cancelled", retried.Failure!.Code);
        Assert.Equal((MeetingStatus.Cancelled, false), (_store.Meetings.Single().Status, _store.Meetings.Single().HasLinks));
    }

    [Fact]
    public async Task Broker_time_out_is_a_504()
    {
        _broker.CreateLinksAsync(Arg.Any<MeetingLinkRequest>(), Arg.Any<CancellationToken>())
            .Returns(new Failure(FailureKind.TimedOut, "upstream_timeout", "Webex Instant Connect did not answer in time", "Slow."));

        var outcome = await _creator.CreateAsync(Request(), CancellationToken.None);

        Assert.Equal(504, outcome.Failure!.ToProblem().StatusCode);
        Assert.Equal("upstream_timeout", outcome.Failure!.Code);
    }

    [Fact]
    public async Task A_call_that_outlasts_the_budget_is_a_504_timeout()
    {
        _broker.CreateLinksAsync(Arg.Any<MeetingLinkRequest>(), Arg.Any<CancellationToken>())
            .Returns(async call =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, call.Arg<CancellationToken>());
                return (Outcome<MeetingLinkSet>)Links("never");
            });

        var pending = _creator.CreateAsync(Request(), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        var outcome = await pending;

        Assert.Equal(504, outcome.Failure!.ToProblem().StatusCode);
        Assert.Equal("timeout", outcome.Failure!.Code);
    }

    [Fact]
    public async Task Requested_dates_are_what_the_broker_gets_and_the_flow_is_told()
    {
        var from = Now.AddHours(1);
        var until = Now.AddHours(3);

        var outcome = await _creator.CreateAsync(Request() with { Validity = new LinkValidity(from, until, TimeSpan.FromDays(1)) }, CancellationToken.None);

        Assert.Equal(from, outcome.Value!.ValidFrom);
        Assert.Equal(until, outcome.Value.ExpiresAt);
        await _broker.Received(1).CreateLinksAsync(Arg.Is<MeetingLinkRequest>(r => r.NotBefore == from && r.ExpiresAt == until), Arg.Any<CancellationToken>());
    }

    private static ValidatedCreate Request(string? key = null) => new(
        key, "+15551234567", "Jane Doe", "whatsapp", "CASE-1", null, 1, 1, new LinkValidity(null, null, TimeSpan.FromDays(1)), "hc", false, []);

    private static MeetingLinkSet Links(string sub) => new(
        [new MeetingLink("https://example.test/visit/h-" + sub[..Math.Min(4, sub.Length)], "h-" + sub[..Math.Min(4, sub.Length)])],
        [new MeetingLink("https://example.test/visit/g-" + sub[..Math.Min(4, sub.Length)], "g-" + sub[..Math.Min(4, sub.Length)])],
        "https://example.test/visit/");
}
