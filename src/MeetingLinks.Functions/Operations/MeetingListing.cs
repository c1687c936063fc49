using System.Runtime.CompilerServices;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Storage;

namespace MeetingLinks.Operations;

/// <summary>
/// Walks the requested days from the newest, one day partition at a time, so a listing never
/// reads a day it was not asked about; pages carry on exactly where the last one stopped.
/// </summary>
public sealed class MeetingListing(IMeetingStore store)
{
    private const int ExportChunk = 500;

    public async Task<(IReadOnlyList<MeetingRecord> Items, string? ContinuationToken)> PageAsync(ListingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var items = new List<MeetingRecord>(query.PageSize);
        var day = query.Cursor?.Day ?? query.To;
        var continuation = query.Cursor?.Continuation;
        while (day >= query.From)
        {
            var (page, next) = await store.ListDayAsync(day, query.Filter, continuation, query.PageSize - items.Count, cancellationToken);
            items.AddRange(page);
            if (next is not null)
            {
                continuation = next;
            }
            else
            {
                day = day.AddDays(-1);
                continuation = null;
            }

            if (items.Count >= query.PageSize)
            {
                var more = day >= query.From;
                return (items, more ? ContinuationToken.Write(new ListingCursor(day, continuation), query.From, query.To, query.Filter) : null);
            }
        }

        return (items, null);
    }

    /// <summary>Every matching record, newest first, fetched a chunk at a time (for exports).</summary>
    public async IAsyncEnumerable<MeetingRecord> AllAsync(ListingQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        for (var day = query.To; day >= query.From; day = day.AddDays(-1))
        {
            string? continuation = null;
            do
            {
                var (page, next) = await store.ListDayAsync(day, query.Filter, continuation, ExportChunk, cancellationToken);
                foreach (var record in page)
                {
                    yield return record;
                }

                continuation = next;
            }
            while (continuation is not null);
        }
    }
}
