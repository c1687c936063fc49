using MeetingLinks.Connect;
using MeetingLinks.Experts;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Events;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Meetings.Visits;
using MeetingLinks.Notifications;
using MeetingLinks.Operations.Summary;
using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.Operations;

/// <summary>
/// One day's meetings of every kind the day's summary tells apart, as the app would have stored them, and the figures they
/// make, counted by hand. The unit tests count them in memory; the HTTP and browser tests seed them into a day of a table.
/// </summary>
internal static class MeetingsOfEveryKind
{
    public const int Count = 13;

    public static IReadOnlyList<MeetingRecord> On(DateOnly day)
    {
        DateTimeOffset At(int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);
        MeetingRecord Created(int hour, int minute, string status) => TestMeetings.WithHostLink(At(hour, minute)) with { Status = status };
        var startsAt = At(9, 0).AddDays(3);

        return
        [
            Created(8, 5, MeetingStatus.Created),
            Created(8, 40, MeetingStatus.Pending) with { Links = [] },
            Created(9, 0, MeetingStatus.Rejected) with { Links = [] },
            Created(9, 15, MeetingStatus.Read) with
            {
                Notifications = [Step(0, ExpertChain.Joining, Sent(At(9, 15)))],
                ExpertResponse = new ExpertResponse(ExpertResponse.Joining, "person-1", "Ana", "msg-0", At(9, 16)),
                FlowDeliveries = [Told(FlowEvent.Joining, Delivery.Sent, At(9, 16))],
            },
            Created(9, 30, MeetingStatus.Delivered) with
            {
                Notifications = [Step(0, ExpertChain.TimedOut, Sent(At(9, 30))), Step(1, ExpertChain.TimedOut, Sent(At(9, 32)))],
                FlowDeliveries = [Told(FlowEvent.Unanswered, Delivery.Failed, At(9, 34))],
            },
            Created(10, 0, MeetingStatus.Failed) with
            {
                Notifications = [Step(0, ExpertChain.Unreachable, new Delivery(Delivery.Failed, 5, At(10, 0), LastError: "HTTP 404"))],
                FlowDeliveries = [Told(FlowEvent.Unreachable, Delivery.Pending, At(10, 15))],
            },
            Created(10, 20, MeetingStatus.Sent) with
            {
                Notifications = [Step(0, ExpertChain.Declined, Sent(At(10, 20)))],
                ExpertResponse = new ExpertResponse(ExpertResponse.Declined, "person-2", "Ben", "msg-0", At(10, 21)),
                FlowDeliveries = [Told(FlowEvent.Declined, Delivery.Sent, At(10, 21))],
            },
            Created(11, 0, MeetingStatus.Created) with { Notifications = [Step(0, ExpertChain.Waiting, Sent(At(11, 0)))] },

            // More links sent to an expert, outside any chain: asked, and waiting until they answer.
            Created(11, 30, MeetingStatus.Delivered) with
            {
                Notifications = [ExpertNotification.Queued("b-0a1b2c3d4e5f", new ExpertTarget(ExpertTarget.Email, "carla@clinic.example"), At(11, 40))],
            },

            // A visit reminded once and moved once.
            Created(13, 0, MeetingStatus.Read) with
            {
                StartsAt = startsAt,
                DurationMinutes = 30,
                VisitReminders = [Reminder(startsAt, TimeSpan.FromDays(1), VisitReminder.Sent), Reminder(startsAt, TimeSpan.FromMinutes(15), VisitReminder.Planned)],
                Links = [.. TestMeetings.WithHostLink(At(13, 0)).Links, MovedLink(At(14, 0))],
                FlowDeliveries = [Told(FlowEvent.Reminder, Delivery.Sent, At(13, 30)), Told(FlowEvent.Rescheduled, Delivery.Sent, At(14, 0))],
            },

            // A visit cancelled while its expert waited: the expert was asked, but waits for nothing any more.
            Created(13, 45, MeetingStatus.Cancelled) with
            {
                StartsAt = startsAt,
                DurationMinutes = 30,
                CancelledAt = At(14, 0),
                VisitReminders = [Reminder(startsAt, TimeSpan.FromMinutes(15), VisitReminder.Dropped)],
                Notifications = [Step(0, ExpertChain.Waiting, Sent(At(13, 45)))],
                FlowDeliveries = [Told(FlowEvent.Cancelled, Delivery.Failed, At(14, 0))],
            },
            Created(14, 0, MeetingStatus.Cancelled) with { CancelledAt = At(14, 5) },
            Created(23, 59, MeetingStatus.Created) with
            {
                StartsAt = startsAt,
                DurationMinutes = 30,
                VisitReminders = [Reminder(startsAt, TimeSpan.FromMinutes(15), VisitReminder.Planned)],
            },
        ];
    }

    /// <summary>
    /// Stores <see cref="On"/> in the table, with what must not count beside it: a delivery event's row, an erased meeting of
    /// the same day, and a meeting on each day around it.
    /// </summary>
    public static async Task SeedAsync(AzuriteFixture azurite, string tableName, DateOnly day)
    {
        var meetings = On(day);
        var erased = MeetingEntityMapper.Tombstone(MeetingIds.New(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)), DateTimeOffset.UtcNow);
        var delivered = new MeetingEvent(MeetingStatus.Delivered, "whatsapp", null, "7500", "receipt", null, meetings[4].CreatedAt, meetings[4].CreatedAt);
        var edges = new[] { day.AddDays(-1).ToDateTime(new TimeOnly(23, 59, 59)), day.AddDays(1).ToDateTime(TimeOnly.MinValue) }
            .Select(at => TestMeetings.Created(new DateTimeOffset(at, TimeSpan.Zero)));
        await TableRows.SeedRecordsAsync(azurite, tableName, [.. meetings, erased, .. edges], [(meetings[4].MeetingId, delivered)]);
    }

    /// <summary>What the day's summary of <see cref="On"/> says, counted by hand.</summary>
    public static DaySummary Figures(DateOnly day)
    {
        var hours = new int[24];
        (hours[8], hours[9], hours[10], hours[11], hours[13], hours[14], hours[23]) = (2, 3, 2, 2, 2, 1, 1);
        return new DaySummary(
            day,
            Count,
            hours,
            new Dictionary<string, int>
            {
                [MeetingStatus.Pending] = 1,
                [MeetingStatus.Rejected] = 1,
                [MeetingStatus.Created] = 3,
                [MeetingStatus.Sent] = 1,
                [MeetingStatus.Failed] = 1,
                [MeetingStatus.Delivered] = 2,
                [MeetingStatus.Read] = 2,
                [MeetingStatus.Cancelled] = 2,
            },
            new ExpertFigures(Asked: 7, Joining: 1, Declined: 1, Unanswered: 1, Unreachable: 1, Waiting: 2),
            new VisitFigures(Booked: 3, Reminded: 1, Rescheduled: 1, Cancelled: 1),
            new FlowEventFigures(Sent: 4, Failed: 2));
    }

    /// <summary>Fails unless <paramref name="actual"/> says what <paramref name="expected"/> says, the statuses in their order too.</summary>
    public static void AssertSame(DaySummary expected, DaySummary actual)
    {
        Assert.Equal(expected.Day, actual.Day);
        Assert.Equal(expected.Meetings, actual.Meetings);
        Assert.Equal(expected.Hours, actual.Hours);
        Assert.Equal(expected.Statuses.ToList(), actual.Statuses.ToList());
        Assert.Equal(expected.Expert, actual.Expert);
        Assert.Equal(expected.Visits, actual.Visits);
        Assert.Equal(expected.FlowEvents, actual.FlowEvents);
    }

    private static ExpertNotification Step(int step, string outcome, Delivery delivery)
        => new(IssuedLink.CreateBatch, new ExpertTarget(ExpertTarget.Email, $"expert{step}@clinic.example"), delivery, step, outcome);

    private static Delivery Sent(DateTimeOffset at) => new(Delivery.Sent, 1, at, MessageId: "msg-0", SentAt: at);

    private static FlowEvent Told(string name, string status, DateTimeOffset at) => new(name + "-1", name, at, new Delivery(status, 1, at));

    private static VisitReminder Reminder(DateTimeOffset startsAt, TimeSpan before, string status) => new(before, startsAt - before, status);

    private static IssuedLink MovedLink(DateTimeOffset at)
        => new(IssuedLink.Guest, "https://instant.webex.com/visit/gMoved1", "gMoved1", at, at.AddDays(5), at, VisitRescheduler.BatchPrefix + "5d1c9a03e27f");
}
