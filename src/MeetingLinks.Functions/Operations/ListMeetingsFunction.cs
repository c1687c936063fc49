using MeetingLinks.Access;
using MeetingLinks.Http;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Operations;

/// <summary><c>GET /api/meetings</c> and <c>GET /api/meetings/export</c>: records for operations staff.</summary>
public sealed class ListMeetingsFunction(
    ApiKeyAuthorizer authorizer, ListingQueryParser parser, MeetingListing listing, IOptions<MeetingsOptions> options, TimeProvider time)
{
    [Function("ListMeetings")]
    public async Task<Results<Ok<MeetingPage>, ProblemResult>> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (Check(request, paged: true, out var query) is { } problem)
        {
            return problem;
        }

        try
        {
            var (items, token) = await listing.PageAsync(query!, cancellationToken);
            return TypedResults.Ok(new MeetingPage(items, token));
        }
        catch (StorageUnavailableException)
        {
            return Problems.StorageUnavailable(options.Value.StorageRetryAfter);
        }
    }

    [Function("ExportMeetings")]
    public Results<CsvExportResult, ProblemResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/export")] HttpRequest request)
    {
        if (Check(request, paged: false, out var query) is { } problem)
        {
            return problem;
        }

        return new CsvExportResult(listing.AllAsync(query!, request.HttpContext.RequestAborted), time.GetUtcNow(), options.Value.StorageRetryAfter);
    }

    private ProblemResult? Check(HttpRequest request, bool paged, out ListingQuery? query)
    {
        query = null;
        if (authorizer.Authorize(request, ApiRole.Ops) is { } denied)
        {
            return denied;
        }

        (query, var invalid) = parser.Parse(request.Query, paged);
        return invalid;
    }
}

/// <summary>One page of a listing; pass <see cref="ContinuationToken"/> back for the next.</summary>
public sealed record MeetingPage(IReadOnlyList<MeetingRecord> Items, string? ContinuationToken);
