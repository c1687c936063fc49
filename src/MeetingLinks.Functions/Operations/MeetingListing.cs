using System.Runtime.CompilerServices;

namespace MeetingLinks.Operations;

/// <summary>
/// Walks the requested days from the newest, one day partition at a time, so a listing never reads a day it was not asked about;
/// with a phone number it walks that number's own entries instead, reading no one else's, and with a start day that day's start
/// rows. Pages carry on where the last one stopped.
/// </summary>
public sealed class MeetingListing(IMeetingStore store)
{
    private const int ExportChunk = 500;

    public async Task<MeetingPage> PageAsync(ListingQuery query, CancellationToken cancellationToken)
    {
        var items = new List<MeetingRecord>(query.PageSize);
        var at = query.Cursor ?? new ListingCursor(query.To, null);
        while (at.Day >= query.From && items.Count < query.PageSize)
        {
            (var page, at) = await ReadAsync(query, at, query.PageSize - items.Count, cancellationToken);
            items.AddRange(page);
        }

        var more = items.Count >= query.PageSize && at.Day >= query.From;
        return new MeetingPage(items, more ? at.ToToken(query.From, query.To, query.Filter) : null);
    }

    /// <summary>Every matching record, newest first, fetched a chunk at a time (for exports).</summary>
    public async IAsyncEnumerable<MeetingRecord> AllAsync(ListingQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var at = new ListingCursor(query.To, null); at.Day >= query.From;)
        {
            (var page, at) = await ReadAsync(query, at, ExportChunk, cancellationToken);
            foreach (var record in page)
            {
                yield return record;
            }
        }
    }

    /// <summary>One store page (a day's partition, or a phone number's own entries) and where the next one starts.</summary>
    private async Task<(IReadOnlyList<MeetingRecord> Items, ListingCursor Next)> ReadAsync(
        ListingQuery query, ListingCursor at, int maxItems, CancellationToken cancellationToken)
    {
        var (items, continuation) = query.Filter switch
        {
            { StartsOn: { } startsOn } => await store.ListStartDayAsync(startsOn, query.Filter, at.Continuation, maxItems, cancellationToken),
            { Phone: { } phone } => await store.ListPhoneAsync(phone, query.From, query.To, query.Filter, at.Continuation, maxItems, cancellationToken),
            _ => await store.ListDayAsync(at.Day, query.Filter, at.Continuation, maxItems, cancellationToken),
        };

        // A phone number's listing is one run through its own entries, across all the days at once; so is a start day's.
        var oneRun = query.Filter.Phone is not null || query.Filter.StartsOn is not null;
        var nextDay = oneRun ? query.From.AddDays(-1) : at.Day.AddDays(-1);
        return (items, continuation is null ? new ListingCursor(nextDay, null) : at with { Continuation = continuation });
    }
}
