using MeetingLinks.Meetings;

namespace MeetingLinks.Tests.Meetings;

public class MeetingIdsTests
{
    [Fact]
    public void New_id_parses_back_to_the_day_partition()
    {
        var id = MeetingIds.New(new DateTimeOffset(2026, 11, 25, 10, 15, 30, TimeSpan.Zero));

        Assert.True(MeetingIds.TryParse(id, out var partition, out var row));
        Assert.Equal("m-20261125", partition);
        Assert.Equal(id[9..], row);
        Assert.StartsWith("20261125-", id, StringComparison.Ordinal);
    }

    [Fact]
    public void Later_meetings_of_a_day_sort_first()
    {
        var earlier = MeetingIds.New(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var later = MeetingIds.New(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(later, earlier) < 0);
    }

    [Fact]
    public void Ids_are_unique_even_within_one_millisecond()
    {
        var at = DateTimeOffset.UnixEpoch.AddYears(57);
        var ids = Enumerable.Range(0, 1000).Select(_ => MeetingIds.New(at)).ToHashSet();

        Assert.Equal(1000, ids.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-id")]
    [InlineData("20261325-51299877-k3j7xq2a")]
    [InlineData("20261125-5129987x-k3j7xq2a")]
    [InlineData("20261125-51299877-K3J7XQ2A")]
    [InlineData("20261125-51299877-k3j9xq2/")]
    [InlineData("20261125/51299877-k3j7xq2a")]
    [InlineData("20261125-51299877-k3j7xq2a1")]
    public void Malformed_ids_do_not_parse(string id)
    {
        Assert.False(MeetingIds.TryParse(id, out _, out _));
    }

    [Fact]
    public void Subs_use_only_letters_digits_and_hyphens()
    {
        var sub = MeetingIds.NewSub();

        Assert.Matches("^[A-Za-z0-9-]+$", sub);
        Assert.NotEqual(sub, MeetingIds.NewSub());
    }
}
