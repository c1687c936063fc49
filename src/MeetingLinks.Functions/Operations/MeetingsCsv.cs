namespace MeetingLinks.Operations;

/// <summary>
/// Meeting records as a CSV download that Excel opens as intended: RFC 4180 quoting, CRLF line ends, and
/// cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) prefixed with
/// an apostrophe, so a hostile customer name stays text. Streamed, flushing as it goes, not built in memory.
/// </summary>
/// <param name="rows">Already moved to the first row (when <paramref name="any"/>), so storage has answered once.</param>
public sealed class MeetingsCsv(IAsyncEnumerator<MeetingRecord> rows, bool any, DateTimeOffset now) : IResult
{
    private const int FlushEvery = 200;

    public static readonly string[] Columns =
    [
        "meetingId", "createdAt", "status", "reference", "subject", "customerName", "customerPhone", "channel",
        "hosts", "guests", "validFrom", "expiresAt", "guestUrl", "hostUrl", "guestUrls", "hostUrls", "links", "events", "lastError", "expertNotification", "expertNotificationDetail", "expertResponse", "flowEvents",
        "expertChain", "answerWithin", "startsAt", "durationMinutes", "reminders", "cancelledAt",
    ];

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
        await writer.WriteAsync((string.Join(',', Columns) + "\r\n").AsMemory(), cancellationToken);
        for (var written = 1; more; written++)
        {
            await writer.WriteAsync(Line(rows.Current).AsMemory(), cancellationToken);
            if (written % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }

            more = await rows.MoveNextAsync();
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static string Line(MeetingRecord record)
    {
        string?[] cells =
        [
            record.MeetingId,
            Time(record.CreatedAt),
            record.Status,
            record.Reference,
            record.Subject,
            record.CustomerName,
            record.CustomerPhone,
            record.Channel,
            record.Hosts.ToString(CultureInfo.InvariantCulture),
            record.Guests.ToString(CultureInfo.InvariantCulture),
            Time(record.ValidFrom),
            Time(record.ExpiresAt),
            record.GuestUrls.Count > 0 ? record.GuestUrls[0] : null,
            record.HostUrls.Count > 0 ? record.HostUrls[0] : null,
            string.Join(' ', record.GuestUrls),
            string.Join(' ', record.HostUrls),
            string.Join("; ", record.Links.Select(l => $"{l.Kind} {l.Url} valid {Time(l.ValidFrom)}/{Time(l.ExpiresAt)} issued {Time(l.IssuedAt)}")),
            string.Join("; ", record.Events.Select(e => $"{e.Type} {e.Channel} {Time(e.OccurredAt)} {e.Detail}".Trim())),
            record.LastError,
            record.ExpertNotification?.Status,
            record.ExpertNotification is { } expert
                ? $"to {expert.To}; attempts {expert.Attempts}" + (expert.SentAt is { } sent ? $"; sent {Time(sent)}" : "") + (expert.LastError is { } error ? $"; {error}" : "")
                : null,
            record.ExpertResponse is { } response ? $"{response.Answer} {response.PersonName ?? response.PersonId} {Time(response.At)}" : null,
            string.Join("; ", record.FlowEvents.Select(e => $"{e.Event} {e.Status} attempts {e.Attempts}" + (e.LastError is { } error ? $" {error}" : ""))),
            string.Join("; ", record.ExpertChain.Select(ChainStep)),
            record.AnswerWithin,
            record.StartsAt is { } startsAt ? Time(startsAt) : null,
            record.DurationMinutes?.ToString(CultureInfo.InvariantCulture),
            string.Join("; ", record.Reminders.Select(r => $"{r.Before} {r.Status} {Time(r.DueAt)}")),
            record.CancelledAt is { } cancelledAt ? Time(cancelledAt) : null,
        ];
        return string.Join(',', cells.Select(Cell)) + "\r\n";
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    /// <summary>A step of the chain: <c>email a***@clinic.example timedOut sent … ended …</c>.</summary>
    private static string ChainStep(ExpertChainStepView step)
    {
        var text = $"{step.To} {step.Outcome}";
        if (step.SentAt is { } sent)
        {
            text += $" sent {Time(sent)}";
        }

        if (step.EndedAt is { } ended)
        {
            text += $" ended {Time(ended)}";
        }

        return text;
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
