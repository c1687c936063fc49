using MeetingLinks.InstantConnect;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Links;
using MeetingLinks.Notifications;
using MeetingLinks.Outcomes;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace MeetingLinks.Tests.Meetings;

public class MeetingLinksAdderTests
{
    private const string MeetingId = "20261125-51299877-k3j7xq2a";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryMeetingStore _store = new();
    private readonly IInstantConnectClient _broker = Substitute.For<IInstantConnectClient>();
    private readonly MeetingLinksAdder _adder;
    private int _answers;

    public MeetingLinksAdderTests()
    {
        var options = Options.Create(new MeetingsOptions());
        var issuer = new LinkIssuer(_store, _broker, new NotificationOutbox(new ConfigurationBuilder().Build(), _time), options, _time, NullLogger<LinkIssuer>.Instance);
        _adder = new MeetingLinksAdder(issuer, _time, NullLogger<MeetingLinksAdder>.Instance);
        _broker.CreateLinksAsync(Arg.Any<MeetingLinkRequest>(), Arg.Any<CancellationToken>())
            .Returns(call => Answer(call.Arg<MeetingLinkRequest>()));
    }

    [Fact]
    public async Task New_links_use_the_stored_sub_and_are_appended_as_one_batch()
    {
        _store.Overwrite(Meeting(links: 2));

        var outcome = await _adder.AddAsync(MeetingId, Request(hosts: 1, guests: 2), CancellationToken.None);

        var answer = Assert.IsType<MeetingLinksResponse>(outcome.Value);
        Assert.Equal(2, answer.GuestUrls.Count);
        Assert.NotNull(answer.HostUrl);
        await _broker.Received(1).CreateLinksAsync(Arg.Is<MeetingLinkRequest>(r => r.Sub == "sub-1" && r.Hosts == 1 && r.Guests == 2), Arg.Any<CancellationToken>());
        var record = Assert.Single(_store.Meetings);
        Assert.Equal(5, record.Links.Count);
        Assert.Single(record.Links.Skip(2).Select(l => l.Batch).Distinct());
        Assert.All(record.Links.Skip(2), l => Assert.Equal(Now, l.IssuedAt));
    }

    [Fact]
    public async Task A_key_replays_its_batch_without_the_broker()
    {
        _store.Overwrite(Meeting(links: 2));

        var first = await _adder.AddAsync(MeetingId, Request(key: "k"), CancellationToken.None);
        var second = await _adder.AddAsync(MeetingId, Request(key: "k"), CancellationToken.None);

        Assert.True(second.Value!.Replayed);
        Assert.Equal(first.Value!.GuestUrl, second.Value.GuestUrl);
        await _broker.Received(1).CreateLinksAsync(Arg.Any<MeetingLinkRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_key_with_other_parameters_is_a_conflict()
    {
        _store.Overwrite(Meeting(links: 2));
        await _adder.AddAsync(MeetingId, Request(key: "k"), CancellationToken.None);

        var outcome = await _adder.AddAsync(MeetingId, Request(key: "k", guests: 2), CancellationToken.None);

        Assert.Equal(("idempotency_conflict", FailureKind.Conflict), (outcome.Failure!.Code, outcome.Failure.Kind));
    }

    [Fact]
    public async Task A_meeting_without_links_is_not_ready_and_an_unknown_one_is_not_found()
    {
        _store.Overwrite(Meeting(links: 0));

        var notReady = await _adder.AddAsync(MeetingId, Request(), CancellationToken.None);
        var unknown = await _adder.AddAsync("20261125-51299877-aaaaaaaa", Request(), CancellationToken.None);

        Assert.Equal("meeting_not_ready", notReady.Failure!.Code);
        Assert.Equal(FailureKind.NotFound, unknown.Failure!.Kind);
        await _broker.DidNotReceiveWithAnyArgs().CreateLinksAsync(default!, default);
    }

    [Fact]
    public async Task Links_beyond_100_are_refused_before_the_broker_is_asked()
    {
        _store.Overwrite(Meeting(links: 99));

        var one = await _adder.AddAsync(MeetingId, Request(), CancellationToken.None);
        var more = await _adder.AddAsync(MeetingId, Request(), CancellationToken.None);

        Assert.True(one.Succeeded);
        Assert.Equal("link_limit", more.Failure!.Code);
        Assert.Equal(100, Assert.Single(_store.Meetings).Links.Count);
        await _broker.Received(1).CreateLinksAsync(Arg.Any<MeetingLinkRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Links_another_call_stored_meanwhile_are_kept_beside_these()
    {
        _store.Overwrite(Meeting(links: 2));
        _broker.CreateLinksAsync(Arg.Any<MeetingLinkRequest>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            // Another add-links call writes its batch while this one waits for the broker.
            var current = Assert.Single(_store.Meetings);
            _store.Overwrite(current with { Links = [.. current.Links, Link("other", "https://example.test/visit/other")] });
            return Answer(call.Arg<MeetingLinkRequest>());
        });

        var outcome = await _adder.AddAsync(MeetingId, Request(), CancellationToken.None);

        var record = Assert.Single(_store.Meetings);
        Assert.Equal(4, record.Links.Count);
        Assert.Contains(record.Links, l => l.Batch == "other");
        Assert.Contains(record.Links, l => l.Url == outcome.Value!.GuestUrl);
    }

    private static ValidatedAddLinks Request(string? key = null, int hosts = 0, int guests = 1)
        => new(key, hosts, guests, new LinkValidity(null, null, TimeSpan.FromDays(1)), "hc", false);

    private static IssuedLink Link(string batch, string url)
        => new(IssuedLink.Guest, url, null, Now, Now.AddDays(1), Now, batch);

    private static MeetingRecord Meeting(int links) => new()
    {
        MeetingId = MeetingId,
        Sub = "sub-1",
        CreatedAt = Now,
        UpdatedAt = Now,
        Status = links > 0 ? MeetingStatus.Created : MeetingStatus.Pending,
        ValidFrom = Now,
        ExpiresAt = Now.AddDays(1),
        VerticalType = "hc",
        Links = [.. Enumerable.Range(0, links).Select(i => Link(IssuedLink.CreateBatch, $"https://example.test/visit/c{i}"))],
    };

    private MeetingLinkSet Answer(MeetingLinkRequest request)
    {
        var n = Interlocked.Increment(ref _answers);
        return new MeetingLinkSet(
            [.. Enumerable.Range(0, request.Hosts).Select(i => new MeetingLink($"https://example.test/visit/h{n}x{i}", $"h{n}x{i}"))],
            [.. Enumerable.Range(0, request.Guests).Select(i => new MeetingLink($"https://example.test/visit/g{n}x{i}", $"g{n}x{i}"))],
            "https://example.test/visit/");
    }
}
