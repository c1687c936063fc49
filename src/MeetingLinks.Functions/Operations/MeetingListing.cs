using System.Runtime.CompilerServices;

namespace MeetingLinks.Operations;

/// <summary>
/// Walks the requested days from the newest, one day partition at a time, so a listing never reads a day it was
/// not asked about; with a phone number it walks that number's own entries instead, so it reads no one else's
/// meetings. Pages carry on exactly where the last one stopped.
/// </summary>
public sealed class MeetingListing(IMeetingStore store)
{
    private const int ExportChunk = 500;

    public async Task<(IReadOnlyList<MeetingRecord> Items, string? ContinuationToken)> PageAsync(ListingQuery query, CancellationToken cancellationToken)
    {
        var items = new List<MeetingRecord>(query.PageSize);
        var day = query.Cursor?.Day ?? query.To;
        var continuation = query.Cursor?.Continuation;
        while (day >= query.From)
        {
            var (page, next) = await ReadAsync(query, day, continuation, query.PageSize - items.Count, cancellationToken);
            items.AddRange(page);
            if (next is not null)
            {
                continuation = next;
            }
            else
            {
                // A phone number's listing is one run through its own entries, across all the days at once.
                day = query.Filter.Phone is null ? day.AddDays(-1) : query.From.AddDays(-1);
                continuation = null;
            }

            if (items.Count >= query.PageSize)
            {
                return (items, day >= query.From ? ContinuationToken.Write(new ListingCursor(day, continuation), query.From, query.To, query.Filter) : null);
            }
        }

        return (items, null);
    }

    /// <summary>Every matching record, newest first, fetched a chunk at a time (for exports).</summary>
    public async IAsyncEnumerable<MeetingRecord> AllAsync(ListingQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var day = query.To;
        string? continuation = null;
        while (day >= query.From)
        {
            var (page, next) = await ReadAsync(query, day, continuation, ExportChunk, cancellationToken);
            foreach (var record in page)
            {
                yield return record;
            }

            continuation = next;
            if (next is null)
            {
                day = query.Filter.Phone is null ? day.AddDays(-1) : query.From.AddDays(-1);
            }
        }
    }

    /// <summary>One store page: of a day's partition, or (with a phone number) of the number's own entries.</summary>
    private Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ReadAsync(
        ListingQuery query, DateOnly day, string? continuation, int maxItems, CancellationToken cancellationToken)
        => query.Filter.Phone is { } phone
            ? store.ListPhoneAsync(phone, query.From, query.To, query.Filter, continuation, maxItems, cancellationToken)
            : store.ListDayAsync(day, query.Filter, continuation, maxItems, cancellationToken);
}
