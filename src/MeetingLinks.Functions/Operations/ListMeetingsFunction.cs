namespace MeetingLinks.Operations;

/// <summary><c>GET /api/meetings</c> and <c>GET /api/meetings/export</c>: records for operations staff.</summary>
public sealed class ListMeetingsFunction(ListingQueryParser parser, MeetingListing listing, TimeProvider time)
{
    [Function("ListMeetings")]
    [RequiresRole(ApiRole.Ops)]
    public async Task<Results<Ok<MeetingPage>, ProblemResult>> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings")] HttpRequest request,
        CancellationToken cancellationToken)
        => parser.Parse(request.Query, paged: true).TryGet(out var query, out var invalid)
            ? TypedResults.Ok(await listing.PageAsync(query, cancellationToken))
            : invalid.ToProblem();

    [Function("ExportMeetings")]
    [RequiresRole(ApiRole.Ops)]
    public async Task<Results<MeetingsCsv, ProblemResult>> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/export")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!parser.Parse(request.Query, paged: false).TryGet(out var query, out var invalid))
        {
            return invalid.ToProblem();
        }

        // The first rows are read here, before the download starts, so a storage outage is still a clean 503.
        var rows = listing.AllAsync(query, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var any = await rows.MoveNextAsync();
        return new MeetingsCsv(rows, any, time.GetUtcNow());
    }
}

/// <summary>One page of a listing; pass <see cref="ContinuationToken"/> back for the next.</summary>
public sealed record MeetingPage(IReadOnlyList<MeetingRecord> Items, string? ContinuationToken);
