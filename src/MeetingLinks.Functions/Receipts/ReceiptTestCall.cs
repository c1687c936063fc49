namespace MeetingLinks.Receipts;

/// <summary>Recognises the calls Webex Connect makes to check a URL.</summary>
internal static class ReceiptTestCall
{
    /// <summary>An empty body or <c>{}</c>: what a URL check posts, not a receipt.</summary>
    public static bool Matches(ReadOnlySpan<byte> body)
    {
        var trimmed = body.Trim(" \t\r\n"u8);
        return trimmed.IsEmpty
            || (trimmed.Length >= 2 && trimmed[0] == (byte)'{' && trimmed[^1] == (byte)'}' && trimmed[1..^1].Trim(" \t\r\n"u8).IsEmpty);
    }
}
