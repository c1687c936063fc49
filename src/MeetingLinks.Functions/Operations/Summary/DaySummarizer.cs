namespace MeetingLinks.Operations.Summary;

/// <summary>
/// The day at a glance: reads that day's partition alone, a page at a time and only the columns it counts, through the same
/// rows as the day's listing, so <see cref="DaySummary.Meetings"/> is what that listing returns.
/// </summary>
public sealed class DaySummarizer(IMeetingStore store, TimeProvider time)
{
    private static readonly string[] Known = ["day"];

    /// <summary>The UTC day asked for (<c>day=YYYY-MM-DD</c>), today without one; an <c>invalid_query</c> otherwise.</summary>
    public Outcome<DateOnly> DayOf(IQueryCollection query)
    {
        var errors = new ValidationErrors();
        ListingQueryParser.RejectUnknown(query, Known, errors);
        var day = ListingQueryParser.Day(query, "day", errors) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return errors.Or(ProblemCodes.InvalidQuery, () => day);
    }

    public async Task<DaySummary> SummarizeAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var tally = new DayTally();
        string? continuation = null;
        do
        {
            (var meetings, continuation) = await store.ListDayOutlinesAsync(day, continuation, cancellationToken);
            foreach (var meeting in meetings)
            {
                tally.Add(meeting);
            }
        }
        while (continuation is not null);

        return tally.Summary(day);
    }
}
