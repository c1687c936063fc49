using MeetingLinks.Meetings;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>Records for tests that work on a record without a store in between.</summary>
public static class TestMeetings
{
    /// <summary>A created meeting of <paramref name="createdAt"/>, valid a day, with nothing else on it.</summary>
    public static MeetingRecord Created(DateTimeOffset createdAt, string? meetingId = null) => new()
    {
        MeetingId = meetingId ?? MeetingIds.New(createdAt),
        Sub = MeetingIds.NewSub(),
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
        Status = MeetingStatus.Created,
        ValidFrom = createdAt,
        ExpiresAt = createdAt.AddDays(1),
        VerticalType = "hc",
    };

    /// <summary>The same, with the create's host link <c>hCode01</c>, for an expert's message to carry.</summary>
    public static MeetingRecord WithHostLink(DateTimeOffset createdAt, string? meetingId = null) => Created(createdAt, meetingId) with
    {
        Links = [new IssuedLink(IssuedLink.Host, "https://instant.webex.com/visit/hCode01", "hCode01", createdAt, createdAt.AddDays(1), createdAt, IssuedLink.CreateBatch)],
    };
}
