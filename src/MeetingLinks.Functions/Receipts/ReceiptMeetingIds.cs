namespace MeetingLinks.Receipts;

/// <summary>
/// Finds the meeting a receipt is about. The flow should put the meeting id in the WhatsApp/SMS
/// node's Correlation ID; Callback Data is the fallback, and may hold the id alone or inside a
/// small JSON or <c>key=value</c> text.
/// </summary>
public static class ReceiptMeetingIds
{
    private const int IdLength = 26;

    // Callback data is the flow author's free text; nobody hides an id deeper than this.
    private const int MaxSearchLength = 4096;

    public static bool TryFind(DeliveryReceipt receipt, out string meetingId)
    {
        string?[] sources = [receipt.CorrelationId, receipt.CallbackData];

        // A field that is the id alone wins over an id found inside either.
        var found = sources.Select(source => source?.Trim()).FirstOrDefault(whole => whole is not null && MeetingIds.TryParse(whole, out _, out _))
            ?? sources.Select(FindInside).FirstOrDefault(inside => inside is not null);
        meetingId = found ?? string.Empty;
        return found is not null;
    }

    /// <summary>The first 26 characters that form a meeting id and are not part of a longer word.</summary>
    private static string? FindInside(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var span = text.AsSpan(0, Math.Min(text.Length, MaxSearchLength));
        for (var start = 0; start + IdLength <= span.Length; start++)
        {
            var startsWord = start == 0 || !char.IsAsciiLetterOrDigit(span[start - 1]);
            var endsWord = start + IdLength == span.Length || !char.IsAsciiLetterOrDigit(span[start + IdLength]);
            if (startsWord && endsWord && char.IsAsciiDigit(span[start]))
            {
                var candidate = span.Slice(start, IdLength).ToString();
                if (MeetingIds.TryParse(candidate, out _, out _))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
