namespace MeetingLinks.Meetings.Storage;

/// <summary>
/// Finds the visits that start on a day without reading any other: one small row per visit in a partition per UTC start day,
/// <c>s-</c> + the day, RowKey the start's time of day and the meeting id, so a day lists in the order its visits start. The
/// store writes a row before the change that gives a meeting its start, and removes the old one after the change that moves
/// or erases it (or the purge); a row left by a crash between is skipped when its meeting starts elsewhere, or is gone.
/// </summary>
internal static class StartDayIndex
{
    public const string Kind = "start";

    public static string Partition(DateOnly day) => "s-" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static TableEntity Entry(string meetingId, DateTimeOffset startsAt)
        => new(Partition(DateOnly.FromDateTime(startsAt.UtcDateTime)), startsAt.UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture) + "~" + meetingId)
        {
            ["Kind"] = Kind,
            ["MeetingId"] = meetingId,
        };

    public static bool StartsOn(MeetingRecord record, DateOnly day) => record.StartsAt is { } startsAt && DateOnly.FromDateTime(startsAt.UtcDateTime) == day;
}
