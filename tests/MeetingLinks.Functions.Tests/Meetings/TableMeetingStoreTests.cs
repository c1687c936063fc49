using Azure.Data.Tables;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingLinks.Tests.Meetings;

/// <summary>The Table Storage implementation keeps the store's contract against a real Azurite.</summary>
public class TableMeetingStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private TableMeetingStore NewStore() => new(new TableClient(azurite.ConnectionString, azurite.NewTableName()), NullLogger<TableMeetingStore>.Instance);

    private static MeetingRecord Pending(string? id = null) => new()
    {
        MeetingId = id ?? MeetingIds.New(Now),
        Sub = MeetingIds.NewSub(),
        CreatedAt = Now,
        UpdatedAt = Now,
        Status = MeetingStatus.Pending,
        ValidFrom = Now,
        ExpiresAt = Now.AddDays(1),
        VerticalType = "hc",
        CustomerName = "Zoë <b>",
        CustomerPhone = "+15551234567",
    };

    private static IdempotencyClaim Claim(string key, string fingerprint, DateTimeOffset at)
        => new(key, fingerprint, MeetingIds.New(at), MeetingIds.NewSub(), at, at.AddDays(1), IsNew: true);

    [Fact]
    public async Task A_second_claim_of_a_key_gets_the_first_one_back()
    {
        var store = NewStore();
        var first = await store.ClaimKeyAsync(Claim(new string('a', 64), "f1", Now), CancellationToken.None);

        var second = await store.ClaimKeyAsync(Claim(new string('a', 64), "f2", Now.AddMinutes(1)), CancellationToken.None);

        Assert.True(first.IsNew);
        Assert.False(second.IsNew);
        Assert.Equal(first.MeetingId, second.MeetingId);
        Assert.Equal(first.Sub, second.Sub);
        Assert.Equal("f1", second.Fingerprint);
    }

    [Fact]
    public async Task An_expired_key_starts_a_new_meeting()
    {
        var store = NewStore();
        var first = await store.ClaimKeyAsync(Claim(new string('b', 64), "f1", Now), CancellationToken.None);

        var later = await store.ClaimKeyAsync(Claim(new string('b', 64), "f1", Now.AddDays(2)), CancellationToken.None);

        Assert.True(later.IsNew);
        Assert.NotEqual(first.MeetingId, later.MeetingId);
    }

    [Fact]
    public async Task Adding_an_existing_meeting_returns_what_is_stored()
    {
        var store = NewStore();
        var record = Pending();
        await store.AddAsync(record, CancellationToken.None);

        var again = await store.AddAsync(record with { Sub = "other" }, CancellationToken.None);

        Assert.Equal(record.Sub, again.Record.Sub);
        Assert.Equal("Zoë <b>", again.Record.CustomerName);
    }

    [Fact]
    public async Task An_update_from_a_stale_read_loses_to_the_first_writer()
    {
        var store = NewStore();
        var stored = await store.AddAsync(Pending(), CancellationToken.None);
        await store.UpdateAsync(stored, stored.Record with { Status = MeetingStatus.Created, GuestUrls = ["winner"] }, CancellationToken.None);

        var loser = await store.UpdateAsync(stored, stored.Record with { Status = MeetingStatus.Created, GuestUrls = ["loser"] }, CancellationToken.None);

        Assert.Equal(["winner"], loser.Record.GuestUrls);
        Assert.Equal(["winner"], (await store.GetAsync(stored.Record.MeetingId, CancellationToken.None))!.Record.GuestUrls);
    }

    [Fact]
    public async Task Twenty_five_long_links_fit_in_one_record()
    {
        var store = NewStore();
        var stored = await store.AddAsync(Pending(), CancellationToken.None);
        var longLinks = Enumerable.Range(0, 25).Select(i => $"https://instant.webex.com/hc/v1/talk?int=jose&v=1&data={new string((char)('a' + i), 2000)}").ToArray();

        await store.UpdateAsync(stored, stored.Record with { GuestUrls = longLinks }, CancellationToken.None);

        var read = await store.GetAsync(stored.Record.MeetingId, CancellationToken.None);
        Assert.Equal(longLinks, read!.Record.GuestUrls);
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_read_as_missing()
    {
        var store = NewStore();

        Assert.Null(await store.GetAsync(MeetingIds.New(Now), CancellationToken.None));
        Assert.Null(await store.GetAsync("../etc/passwd", CancellationToken.None));
    }
}
