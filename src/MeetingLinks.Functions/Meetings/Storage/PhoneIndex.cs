namespace MeetingLinks.Meetings.Storage;

/// <summary>
/// Finds a phone number's meetings without reading anyone else's: one small row per meeting in a partition per number, <c>p-</c> +
/// SHA-256 of the E.164 number (so no number appears in a key), RowKey the meeting id made to sort newest first across days.
/// Written before the meeting and removed after its tombstone, so a stored meeting has its row; a row whose meeting was erased is
/// cleared when next met, one whose meeting is not there (yet) is left.
/// </summary>
internal static class PhoneIndex
{
    public const string Kind = "phone";

    private const int LastDay = 99_999_999;

    public static string Partition(string phone) => "p-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(phone)));

    public static TableEntity Entry(string phone, string meetingId) => new(Partition(phone), RowKey(meetingId))
    {
        ["Kind"] = Kind,
        ["MeetingId"] = meetingId,
    };

    /// <summary><c>20261125-51299877-k3j7xq2a</c> becomes <c>79738874-51299877-k3j7xq2a</c>: later days sort first.</summary>
    public static string RowKey(string meetingId)
        => DayKey(DateOnly.ParseExact(meetingId.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture)) + meetingId[8..];

    /// <summary>The first RowKey of <paramref name="day"/>; a day's rows lie between it and the next older day's.</summary>
    public static string DayKey(DateOnly day)
        => (LastDay - int.Parse(day.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
            .ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>Rows of days <paramref name="from"/>..<paramref name="to"/> in one partition, newest first.</summary>
    public static string Filter(string phone, DateOnly from, DateOnly to)
        => TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition(phone)} and RowKey ge {DayKey(to)} and RowKey lt {DayKey(from.AddDays(-1))}");
}
