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

    private TableMeetingStore NewStore() => new(new TableClient(azurite.ConnectionString, azurite.NewTableName()), TimeProvider.System, NullLogger<TableMeetingStore>.Instance);

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

        Assert.Equal(record.Sub, again.Sub);
        Assert.Equal("Zoë <b>", again.CustomerName);
    }

    [Fact]
    public async Task A_change_from_a_stale_read_is_applied_again_to_what_the_first_writer_stored()
    {
        var store = NewStore();
        var stale = await store.AddAsync(Pending(), CancellationToken.None);
        await store.ChangeAsync(stale, r => r with { Status = MeetingStatus.Created, Devices = ["winner"] }, CancellationToken.None);
        var seen = new List<IReadOnlyList<string>>();

        var second = await store.ChangeAsync(stale, r =>
        {
            seen.Add(r.Devices);
            return r with { Devices = [.. r.Devices, "second"] };
        }, CancellationToken.None);

        Assert.Equal([[], ["winner"]], seen);
        Assert.Equal(["winner", "second"], second!.Devices);
        Assert.Equal(["winner", "second"], (await store.GetAsync(stale.MeetingId, CancellationToken.None))!.Devices);
    }

    [Fact]
    public async Task Forty_changes_at_once_to_one_meeting_are_all_kept()
    {
        var store = NewStore();
        var added = await store.AddAsync(Pending(), CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            store.ChangeAsync(added.MeetingId, r => r with { Devices = [.. r.Devices, $"link-{i}"] }, CancellationToken.None))));

        var stored = await store.GetAsync(added.MeetingId, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"link-{i}").Order(StringComparer.Ordinal), stored!.Devices.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Changes_from_two_instances_at_once_are_all_kept()
    {
        var table = azurite.NewTableName();
        TableMeetingStore Instance() => new(new TableClient(azurite.ConnectionString, table), TimeProvider.System, NullLogger<TableMeetingStore>.Instance);
        var (one, two) = (Instance(), Instance());
        var added = await one.AddAsync(Pending(), CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => (i % 2 == 0 ? one : two)
            .ChangeAsync(added.MeetingId, r => r with { Devices = [.. r.Devices, $"link-{i}"] }, CancellationToken.None))));

        var stored = await one.GetAsync(added.MeetingId, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => $"link-{i}").Order(StringComparer.Ordinal), stored!.Devices.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_change_that_changes_nothing_writes_nothing_and_an_erased_meeting_takes_no_change()
    {
        var store = NewStore();
        var added = await store.AddAsync(Pending(), CancellationToken.None);

        var unchanged = await store.ChangeAsync(added, _ => null, CancellationToken.None);
        await store.EraseAsync(added.MeetingId, Now, CancellationToken.None);
        var erased = await store.ChangeAsync(added, r => r with { Status = MeetingStatus.Created }, CancellationToken.None);

        Assert.Same(added, unchanged);
        Assert.Null(erased);
        Assert.Null(await store.GetAsync(added.MeetingId, CancellationToken.None));
    }

    [Fact]
    public async Task Twenty_five_long_links_fit_in_one_record()
    {
        var store = NewStore();
        var stored = await store.AddAsync(Pending(), CancellationToken.None);
        var longLinks = Enumerable.Range(0, 25).Select(i => $"https://instant.webex.com/hc/v1/talk?int=jose&v=1&data={new string((char)('a' + i), 2000)}").ToArray();

        await store.ChangeAsync(stored, r => r with
        {
            Links = [.. longLinks.Select(url => new IssuedLink(IssuedLink.Guest, url, null, Now, Now.AddDays(1), Now, IssuedLink.CreateBatch))],
        }, CancellationToken.None);

        var read = await store.GetAsync(stored.MeetingId, CancellationToken.None);
        Assert.Equal(longLinks, read!.GuestUrls);
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_read_as_missing()
    {
        var store = NewStore();

        Assert.Null(await store.GetAsync(MeetingIds.New(Now), CancellationToken.None));
        Assert.Null(await store.GetAsync("../etc/passwd", CancellationToken.None));
    }

    [Fact]
    public async Task Events_from_two_instances_at_once_are_all_kept_in_rows_of_their_own_and_leave_the_meeting_row_alone()
    {
        var table = new TableClient(azurite.ConnectionString, azurite.NewTableName());
        TableMeetingStore Instance() => new(table, TimeProvider.System, NullLogger<TableMeetingStore>.Instance);
        var (one, two) = (Instance(), Instance());
        var added = await one.AddAsync(Pending(), CancellationToken.None);
        Assert.True(MeetingIds.TryParse(added.MeetingId, out var partitionKey, out var rowKey));
        var before = (await table.GetEntityAsync<TableEntity>(partitionKey, rowKey)).Value.ETag;

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => (i % 2 == 0 ? one : two)
            .AddEventAsync(added.MeetingId, Event($"report {i % 15}"), CancellationToken.None))));

        Assert.All(results, r => Assert.Equal(added.MeetingId, r!.Value.Meeting.MeetingId));
        Assert.Equal(15, results.Count(r => r!.Value.Added));
        Assert.Equal(before, (await table.GetEntityAsync<TableEntity>(partitionKey, rowKey)).Value.ETag);
        var read = await two.GetWithEventsAsync(added.MeetingId, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 15).Select(i => $"report {i}").Order(StringComparer.Ordinal), read!.Events.Select(e => e.Detail).Order(StringComparer.Ordinal));
        Assert.Empty((await one.GetAsync(added.MeetingId, CancellationToken.None))!.Events);
    }

    [Fact]
    public async Task An_event_for_an_unknown_or_erased_meeting_leaves_no_row_and_erasure_takes_a_meetings_events_with_it()
    {
        var table = new TableClient(azurite.ConnectionString, azurite.NewTableName());
        var store = new TableMeetingStore(table, TimeProvider.System, NullLogger<TableMeetingStore>.Instance);
        var (kept, erased) = (await store.AddAsync(Pending(), CancellationToken.None), await store.AddAsync(Pending(), CancellationToken.None));
        await store.AddEventAsync(kept.MeetingId, Event("kept"), CancellationToken.None);
        await store.AddEventAsync(erased.MeetingId, Event("erased"), CancellationToken.None);

        await store.EraseAsync(erased.MeetingId, Now, CancellationToken.None);
        var afterErasure = await store.AddEventAsync(erased.MeetingId, Event("late"), CancellationToken.None);
        var unknown = await store.AddEventAsync(MeetingIds.New(Now), Event("unknown"), CancellationToken.None);

        Assert.Null(afterErasure);
        Assert.Null(unknown);
        var events = await table.QueryAsync<TableEntity>($"Kind eq 'event'").ToListAsync();
        Assert.Equal("kept", Assert.Single(events).GetString("Detail"));
        var (listed, _) = await store.ListDayAsync(DateOnly.FromDateTime(Now.UtcDateTime), MeetingFilter.None, null, 10, CancellationToken.None);
        Assert.Equal("kept", Assert.Single(Assert.Single(listed).Events).Detail);
        // The purge counts meetings (the kept one and the tombstone) and deletes their events with them.
        Assert.Equal(2, await store.DeleteMeetingsBeforeAsync(DateOnly.FromDateTime(Now.UtcDateTime).AddDays(1), CancellationToken.None));
        Assert.Empty(await table.QueryAsync<TableEntity>($"Kind eq 'event'").ToListAsync());
    }

    [Fact]
    public async Task A_days_outlines_are_its_meetings_without_erased_ones_or_anything_personal()
    {
        var store = NewStore();
        var moved = TestMeetings.WithHostLink(Now) with { CustomerName = "Zoë", CustomerPhone = "+15551234567", StartsAt = Now.AddDays(2) };
        await store.AddAsync(moved, CancellationToken.None);
        var erased = await store.AddAsync(Pending(), CancellationToken.None);
        await store.EraseAsync(erased.MeetingId, Now, CancellationToken.None);
        await store.AddAsync(Pending(MeetingIds.New(Now.AddDays(1))), CancellationToken.None);

        var (outlines, continuation) = await store.ListDayOutlinesAsync(DateOnly.FromDateTime(Now.UtcDateTime), null, CancellationToken.None);

        var outline = Assert.Single(outlines);
        Assert.Null(continuation);
        Assert.Equal((moved.MeetingId, moved.CreatedAt, moved.Status, moved.StartsAt), (outline.MeetingId, outline.CreatedAt, outline.Status, outline.StartsAt));
        Assert.Equal(moved.Links, outline.Links);
        Assert.Null(outline.CustomerName);
        Assert.Null(outline.CustomerPhone);
    }

    [Fact]
    public async Task A_visits_start_row_is_written_with_it_and_the_purge_takes_it_with_the_meeting()
    {
        var table = new TableClient(azurite.ConnectionString, azurite.NewTableName());
        var store = new TableMeetingStore(table, TimeProvider.System, NullLogger<TableMeetingStore>.Instance);
        var startsAt = Now.AddDays(3);
        var visit = await store.AddAsync(TestMeetings.Created(Now) with { StartsAt = startsAt, DurationMinutes = 30 }, CancellationToken.None);

        var (listed, _) = await store.ListStartDayAsync(DateOnly.FromDateTime(startsAt.UtcDateTime), MeetingFilter.None, null, 10, CancellationToken.None);
        await store.DeleteMeetingsBeforeAsync(DateOnly.FromDateTime(Now.UtcDateTime).AddDays(1), CancellationToken.None);

        Assert.Equal(visit.MeetingId, Assert.Single(listed).MeetingId);
        Assert.Empty(await table.QueryAsync<TableEntity>($"Kind eq 'start'").ToListAsync());
    }

    private static MeetingLinks.Meetings.Events.MeetingEvent Event(string detail) => new(MeetingStatus.Sent, "whatsapp", detail, null, "flow", null, Now, Now);
}
