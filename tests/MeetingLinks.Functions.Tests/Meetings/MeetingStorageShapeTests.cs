using Azure.Data.Tables;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Storage;

namespace MeetingLinks.Tests.Meetings;

/// <summary>How records, tombstones and phone entries look in the table.</summary>
public class MeetingStorageShapeTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_record_keeps_its_links_once_and_the_create_links_are_read_from_them()
    {
        var entity = MeetingEntityMapper.ToEntity(Record());

        var record = MeetingEntityMapper.ToRecord(entity);

        Assert.DoesNotContain(entity.Keys, k => k is "HostUrls" or "GuestUrls" or "BaseUrl" or "GuestSuffix");
        Assert.Equal(2, record.Links.Count);
        Assert.Equal(["https://instant.webex.com/visit/gCode"], record.GuestUrls);
        Assert.Equal(["https://instant.webex.com/visit/hCode"], record.HostUrls);
        Assert.Equal(("https://instant.webex.com/visit/", "gCode"), (record.BaseUrl, record.GuestSuffix));
        Assert.Equal("gCode", MeetingLinksResponse.For(record, IssuedLink.CreateBatch, replayed: true).GuestSuffix);
    }

    [Fact]
    public void A_tombstone_keeps_nothing_of_the_meeting()
    {
        var entity = MeetingEntityMapper.ToEntity(MeetingEntityMapper.Tombstone(Record().MeetingId, Created));

        Assert.Equal(["ErasedAt", "Kind"], entity.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp")).Order(StringComparer.Ordinal));
        Assert.True(MeetingEntityMapper.ToRecord(entity).IsErased);
    }

    [Fact]
    public void An_erased_meetings_key_keeps_no_fingerprint()
    {
        var claim = new IdempotencyClaim(new string('a', 64), "fingerprint-of-personal-details", "20261125-51299877-k3j7xq2a", "sub", Created, Created.AddDays(1), IsNew: false);

        var entity = MeetingEntityMapper.ToEntity(claim with { Erased = true });

        Assert.False(entity.ContainsKey("Fingerprint"));
        Assert.True(MeetingEntityMapper.ToClaim(entity).Erased);
    }

    [Fact]
    public void Phone_entries_sort_newest_first_across_days_months_and_years()
    {
        string[] ids = ["20261231-00000001-aaaaaaaa", "20270101-86399999-bbbbbbbb", "20270101-00000001-cccccccc", "20261130-50000000-dddddddd"];

        var sorted = ids.OrderBy(PhoneIndex.RowKey, StringComparer.Ordinal).ToList();

        Assert.Equal(["20270101-00000001-cccccccc", "20270101-86399999-bbbbbbbb", "20261231-00000001-aaaaaaaa", "20261130-50000000-dddddddd"], sorted);
    }

    [Fact]
    public void A_phone_entry_names_no_number_and_a_day_range_covers_exactly_its_days()
    {
        var entry = PhoneIndex.Entry("+15551234567", "20261125-51299877-k3j7xq2a");
        var inside = PhoneIndex.RowKey("20261125-00000001-aaaaaaaa");
        var before = PhoneIndex.RowKey("20261123-00000001-aaaaaaaa");
        var after = PhoneIndex.RowKey("20261127-86399999-aaaaaaaa");

        Assert.DoesNotContain("5551234567", entry.PartitionKey + entry.RowKey, StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(inside, PhoneIndex.DayKey(new DateOnly(2026, 11, 26))) >= 0);
        Assert.True(string.CompareOrdinal(inside, PhoneIndex.DayKey(new DateOnly(2026, 11, 23))) < 0);
        Assert.True(string.CompareOrdinal(before, PhoneIndex.DayKey(new DateOnly(2026, 11, 23))) >= 0);
        Assert.True(string.CompareOrdinal(after, PhoneIndex.DayKey(new DateOnly(2026, 11, 26))) < 0);
    }

    private static MeetingRecord Record() => new()
    {
        MeetingId = "20261125-51299877-k3j7xq2a",
        Sub = "sub",
        CreatedAt = Created,
        UpdatedAt = Created,
        Status = MeetingStatus.Created,
        CustomerPhone = "+15551234567",
        CustomerName = "Jane Doe",
        ValidFrom = Created,
        ExpiresAt = Created.AddDays(1),
        VerticalType = "hc",
        Links =
        [
            new IssuedLink(IssuedLink.Host, "https://instant.webex.com/visit/hCode", "hCode", Created, Created.AddDays(1), Created, IssuedLink.CreateBatch),
            new IssuedLink(IssuedLink.Guest, "https://instant.webex.com/visit/gCode", "gCode", Created, Created.AddDays(1), Created, IssuedLink.CreateBatch),
        ],
    };
}
