using Microsoft.AspNetCore.WebUtilities;

namespace MeetingLinks.Operations;

/// <summary>A validated listing request: UTC days <see cref="From"/>..<see cref="To"/>, newest first.</summary>
public sealed record ListingQuery(DateOnly From, DateOnly To, MeetingFilter Filter, int PageSize, ListingCursor? Cursor);

/// <summary>
/// Where the previous page stopped: a day and the store's token within it. Its opaque token form also holds
/// a digest of the query, so a token only continues the listing it came from.
/// </summary>
public sealed record ListingCursor(DateOnly Day, string? Continuation)
{
    private const char Separator = '\n';

    public string ToToken(DateOnly from, DateOnly to, MeetingFilter filter)
    {
        var text = string.Join(Separator,
            Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Continuation ?? string.Empty,
            QueryDigest(from, to, filter));
        return WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(text));
    }

    public static bool TryRead(string token, DateOnly from, DateOnly to, MeetingFilter filter, out ListingCursor? cursor)
    {
        cursor = null;
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token)).Split(Separator);
        }
        catch (FormatException)
        {
            return false;
        }

        if (parts.Length != 3
            || parts[2] != QueryDigest(from, to, filter)
            || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || day < from || day > to)
        {
            return false;
        }

        cursor = new ListingCursor(day, parts[1].Length == 0 ? null : parts[1]);
        return true;
    }

    private static string QueryDigest(DateOnly from, DateOnly to, MeetingFilter filter)
    {
        var query = string.Join(Separator, from.ToString("O", CultureInfo.InvariantCulture), to.ToString("O", CultureInfo.InvariantCulture),
            filter.Phone, filter.Reference, filter.Status, filter.ExpertNotification, filter.ExpertResponse, filter.StartsOn?.ToString("O", CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)))[..16];
    }
}
