using System.Reflection;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Events;

namespace MeetingLinks.Tests.Meetings;

public class MeetingStatusTests
{
    private static readonly string[] Declared = [.. typeof(MeetingStatus)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)];

    public static TheoryData<string> Statuses => [.. MeetingStatus.All];

    public static TheoryData<string> EventTypes => [.. MeetingStatus.EventTypes];

    [Fact]
    public void The_list_holds_every_declared_status_once_in_progress_order()
    {
        string[] progress =
            [MeetingStatus.Pending, MeetingStatus.Rejected, MeetingStatus.Created, MeetingStatus.Sent, MeetingStatus.Failed, MeetingStatus.Delivered, MeetingStatus.Read, MeetingStatus.Cancelled];

        Assert.Equal(progress, MeetingStatus.All.AsEnumerable());
        Assert.Equal(Declared.Order(StringComparer.Ordinal), MeetingStatus.All.Order(StringComparer.Ordinal));
        Assert.All(MeetingStatus.All, s => Assert.Equal(s.ToLowerInvariant(), s));
    }

    [Fact]
    public void Event_types_are_the_statuses_after_created_in_the_same_order()
    {
        Assert.Equal(MeetingStatus.All.SkipWhile(s => s != MeetingStatus.Created).Skip(1).TakeWhile(s => s != MeetingStatus.Cancelled), MeetingStatus.EventTypes);
    }

    [Fact]
    public void No_event_moves_a_cancelled_meeting_on()
    {
        Assert.All(MeetingStatus.EventTypes, type => Assert.Equal(MeetingStatus.Cancelled, MeetingStatus.Next(MeetingStatus.Cancelled, type)));
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Each_status_is_known_and_ranks_by_its_place(string status)
    {
        Assert.True(MeetingStatus.IsKnown(status));
        Assert.Equal(MeetingStatus.All.IndexOf(status), MeetingStatus.Rank(status));
        Assert.Equal(MeetingStatus.EventTypes.Contains(status), MeetingStatus.IsEventType(status));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Created")]
    [InlineData(" sent")]
    [InlineData("expired")]
    public void Anything_else_is_unknown(string? status)
    {
        Assert.False(MeetingStatus.IsKnown(status));
        Assert.False(MeetingStatus.IsEventType(status));
        Assert.Equal(-1, MeetingStatus.Rank(status));
    }
}

public class MeetingStatusNextTests
{
    /// <summary>Every status (and one no longer known) with every event type.</summary>
    public static TheoryData<string, string> EveryStatusAndEvent
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var current in MeetingStatus.All.Append("legacy"))
            {
                foreach (var type in MeetingStatus.EventTypes)
                {
                    data.Add(current, type);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndEvent))]
    public void An_event_never_moves_the_status_back(string current, string eventType)
    {
        var next = MeetingStatus.Next(current, eventType);

        Assert.True(MeetingStatus.Rank(next) >= MeetingStatus.Rank(current), $"{current} + {eventType} went back to {next}");
        Assert.Equal(MeetingStatus.Rank(eventType) > MeetingStatus.Rank(current) ? eventType : current, next);
    }

    [Fact]
    public void Events_in_any_order_end_at_the_furthest_stage()
    {
        var types = MeetingStatus.EventTypes;
        foreach (var first in types)
        {
            foreach (var second in types)
            {
                foreach (var third in types)
                {
                    var status = new[] { first, second, third }.Aggregate(MeetingStatus.Created, MeetingStatus.Next);

                    Assert.Equal(new[] { first, second, third }.MaxBy(MeetingStatus.Rank), status);
                }
            }
        }
    }

    [Theory]
    [InlineData(MeetingStatus.Sent, MeetingStatus.Failed, MeetingStatus.Failed)]
    [InlineData(MeetingStatus.Failed, MeetingStatus.Sent, MeetingStatus.Failed)]
    [InlineData(MeetingStatus.Failed, MeetingStatus.Delivered, MeetingStatus.Delivered)]
    [InlineData(MeetingStatus.Delivered, MeetingStatus.Failed, MeetingStatus.Delivered)]
    [InlineData(MeetingStatus.Read, MeetingStatus.Sent, MeetingStatus.Read)]
    [InlineData(MeetingStatus.Pending, MeetingStatus.Sent, MeetingStatus.Sent)]
    [InlineData(MeetingStatus.Rejected, MeetingStatus.Delivered, MeetingStatus.Delivered)]
    public void A_failure_counts_after_sent_and_before_delivered(string current, string eventType, string expected)
    {
        Assert.Equal(expected, MeetingStatus.Next(current, eventType));
    }

    [Theory]
    [InlineData(MeetingStatus.Pending, MeetingStatus.Created)]
    [InlineData(MeetingStatus.Pending, MeetingStatus.Rejected)]
    [InlineData(MeetingStatus.Created, "opened")]
    public void Only_an_event_moves_a_status(string current, string notAnEvent)
    {
        Assert.Equal(current, MeetingStatus.Next(current, notAnEvent));
    }
}
