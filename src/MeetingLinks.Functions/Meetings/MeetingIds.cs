namespace MeetingLinks.Meetings;

/// <summary>
/// Meeting ids carry their own table keys: <c>20261125-51299877-k3j7xq2a</c> is the UTC day, the milliseconds left in that day
/// (so a day's rows sort newest first) and a random tail. A point read needs nothing but the id; a day's listing reads one partition.
/// </summary>
public static class MeetingIds
{
    /// <summary>
    /// The route of one meeting. <c>{id}</c> only matches the id's shape, so no literal route beside it (<c>meetings/export</c>) is taken
    /// for an id: the Functions host tries routes in the order of function names, not by ASP.NET Core's precedence.
    /// </summary>
    public const string Route = @"meetings/{id:regex(^[0-9]{{8}}-[0-9]{{8}}-[a-z2-7]{{8}}$)}";

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int MillisecondsPerDay = 86_400_000;
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
    private static readonly SearchValues<char> TailChars = SearchValues.Create(Alphabet);

    public static string New(DateTimeOffset createdAt)
    {
        var utc = createdAt.UtcDateTime;
        var left = MillisecondsPerDay - (long)utc.TimeOfDay.TotalMilliseconds;
        var tail = RandomNumberGenerator.GetString(Alphabet, 8);
        return string.Create(CultureInfo.InvariantCulture, $"{utc:yyyyMMdd}-{left:D8}-{tail}");
    }

    public static string PartitionOf(DateOnly day) => "m-" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static bool TryParse(string? meetingId, out string partitionKey, out string rowKey)
    {
        partitionKey = rowKey = string.Empty;
        if (meetingId is not { Length: 26 } || meetingId[8] != '-' || meetingId[17] != '-'
            || !DateOnly.TryParseExact(meetingId.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || meetingId.AsSpan(9, 8).ContainsAnyExcept(Digits)
            || meetingId.AsSpan(18).ContainsAnyExcept(TailChars))
        {
            return false;
        }

        partitionKey = PartitionOf(day);
        rowKey = meetingId[9..];
        return true;
    }

    /// <summary>A fresh broker <c>sub</c>: random, letters, digits and hyphens only.</summary>
    public static string NewSub() => Guid.NewGuid().ToString("D");
}
