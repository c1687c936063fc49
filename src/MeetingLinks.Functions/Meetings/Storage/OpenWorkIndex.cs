namespace MeetingLinks.Meetings.Storage;

/// <summary>
/// Work a meeting still has on the notifications queue (<see cref="MeetingRecord.OpenWork"/>), findable without reading a
/// single meeting: one small row per item in partition <c>open</c>, RowKey the meeting id, the kind and a digest of the
/// item's id (ids from Webex may hold characters a key cannot). A row is written before the change that opens its work
/// and removed after the change that settles it, so open work always has its row; a row whose work is settled is left
/// by a crash or a lost race, and the sweep removes it when it meets it.
/// </summary>
internal static class OpenWorkIndex
{
    public const string Partition = "open";
    public const string Kind = "open";

    /// <summary>The row's keys alone, to delete it by.</summary>
    public static TableEntity Row(NotificationMessage work) => new(Partition, RowKey(work));

    public static TableEntity Entry(NotificationMessage work, DateTimeOffset since) => new(Partition, RowKey(work))
    {
        ["Kind"] = Kind,
        ["MeetingId"] = work.MeetingId,
        ["WorkKind"] = work.Kind,
        ["WorkId"] = work.Id,
        ["OpenSince"] = since,
    };

    public static NotificationMessage ToWork(TableEntity entity)
        => new(entity.GetString("MeetingId"), entity.GetString("WorkKind"), entity.GetString("WorkId"));

    public static string RowKey(NotificationMessage work)
        => $"{work.MeetingId}~{work.Kind}~{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(work.Id)))[..32]}";

    /// <summary>Rows open since before <paramref name="openBefore"/>: timers count from when they were due.</summary>
    public static string Filter(DateTimeOffset openBefore)
        => TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and OpenSince lt {openBefore}");
}
