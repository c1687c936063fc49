using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Operations;
using NSubstitute;

namespace MeetingLinks.Tests.Operations;

public class MeetingListingTests
{
    private readonly IMeetingStore _store = Substitute.For<IMeetingStore>();

    [Fact]
    public async Task A_range_reads_only_the_partitions_of_its_days_newest_first()
    {
        var days = new List<DateOnly>();
        _store.ListDayAsync(Arg.Do<DateOnly>(days.Add), Arg.Any<MeetingFilter>(), Arg.Any<string?>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(((IReadOnlyList<MeetingRecord>)[], (string?)null));
        var query = new ListingQuery(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 22), MeetingFilter.None, 50, null);

        var (items, token) = await new MeetingListing(_store).PageAsync(query, CancellationToken.None);

        Assert.Empty(items);
        Assert.Null(token);
        Assert.Equal([new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 20)], days);
    }

    [Fact]
    public async Task A_full_page_in_the_middle_of_a_day_continues_inside_that_day()
    {
        _store.ListDayAsync(Arg.Any<DateOnly>(), Arg.Any<MeetingFilter>(), null, 2, Arg.Any<CancellationToken>())
            .Returns(((IReadOnlyList<MeetingRecord>)[Record("a"), Record("b")], (string?)"next-in-day"));
        var query = new ListingQuery(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 22), MeetingFilter.None, 2, null);

        var (_, token) = await new MeetingListing(_store).PageAsync(query, CancellationToken.None);

        Assert.True(ListingCursor.TryRead(token!, query.From, query.To, query.Filter, out var cursor));
        Assert.Equal(new ListingCursor(new DateOnly(2026, 11, 22), "next-in-day"), cursor);
    }

    private static MeetingRecord Record(string sub) => new()
    {
        MeetingId = MeetingIds.New(DateTimeOffset.UnixEpoch),
        Sub = sub,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        Status = MeetingStatus.Created,
        ValidFrom = DateTimeOffset.UnixEpoch,
        ExpiresAt = DateTimeOffset.UnixEpoch,
        VerticalType = "hc",
    };
}
