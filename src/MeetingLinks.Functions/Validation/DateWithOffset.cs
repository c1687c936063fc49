namespace MeetingLinks.Validation;

/// <summary>
/// Dates from outside: ISO 8601 with an offset (<c>Z</c>, <c>+05:30</c>, <c>+0530</c>), <c>T</c> or a space between date
/// and time. Without an offset it would be read in the server's zone, never what the sender meant, so it is refused.
/// </summary>
public static partial class DateWithOffset
{
    public const string Expected = "an ISO 8601 date and time with an offset, e.g. 2026-11-25T10:00:00Z";

    /// <summary>The instant in UTC, or false when <paramref name="text"/> is not a date and time with an offset.</summary>
    public static bool TryParse(string? text, out DateTimeOffset utc)
    {
        utc = default;
        var match = Shape().Match(text?.Trim() ?? string.Empty);
        var offset = match.Groups["offset"].Value;

        // +0530 is read as +05:30.
        return match.Success && DateTimeOffset.TryParse(
            $"{match.Groups["date"].Value}T{match.Groups["time"].Value}{(offset.Length == 5 ? offset.Insert(3, ":") : offset)}",
            CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal,
            out utc);
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})[Tt ](?<time>\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)(?<offset>[Zz]|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
