namespace MeetingLinks.Operations;

/// <summary>Streams records as a CSV download, flushing as it goes instead of building the file in memory.</summary>
/// <param name="rows">Already moved to the first row (when <paramref name="any"/>), so storage has answered once.</param>
public sealed class CsvExportResult(IAsyncEnumerator<MeetingRecord> rows, bool any, DateTimeOffset now) : IResult
{
    private const int FlushEvery = 200;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        await using var _ = rows;
        var more = any;

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition =
            $"attachment; filename=\"meetings-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv\"";
        response.Headers.CacheControl = "no-store";

        // The byte order mark makes Excel read the file as UTF-8.
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(MeetingsCsv.HeaderLine().AsMemory(), cancellationToken);
        for (var written = 1; more; written++)
        {
            await writer.WriteAsync(MeetingsCsv.Line(rows.Current).AsMemory(), cancellationToken);
            if (written % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }

            more = await rows.MoveNextAsync();
        }

        await writer.FlushAsync(cancellationToken);
    }
}
