using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Operations.Summary;
using MeetingLinks.Tests.Infrastructure;
using MeetingLinks.Tests.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace MeetingLinks.Tests.Operations;

/// <summary>The day at a glance: what each figure counts, and which day and rows it reads.</summary>
public class DaySummaryTests
{
    private static readonly DateOnly Day = new(2026, 11, 25);

    private readonly IMeetingStore _store = Substitute.For<IMeetingStore>();

    // 23:30 in New York is already the next day in UTC.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.FromHours(-5)));

    private DaySummarizer Summarizer => new(_store, _time);

    private static QueryCollection Query(params (string Name, string Value)[] parameters)
        => new(parameters.ToDictionary(p => p.Name, p => new StringValues(p.Value)));

    [Fact]
    public void Each_figure_counts_the_meetings_it_defines()
    {
        var tally = new DayTally();

        foreach (var meeting in MeetingsOfEveryKind.On(Day))
        {
            tally.Add(meeting);
        }

        MeetingsOfEveryKind.AssertSame(MeetingsOfEveryKind.Figures(Day), tally.Summary(Day));
    }

    [Fact]
    public void An_empty_day_has_every_status_and_hour_at_zero()
    {
        var summary = new DayTally().Summary(Day);

        Assert.Equal(0, summary.Meetings);
        Assert.Equal(new int[24], summary.Hours);
        Assert.Equal(MeetingStatus.All, summary.Statuses.Keys);
        Assert.All(summary.Statuses.Values, count => Assert.Equal(0, count));
        Assert.Equal(new ExpertFigures(0, 0, 0, 0, 0, 0), summary.Expert);
    }

    [Fact]
    public void Reminders_count_the_meetings_reminded_and_flow_events_count_events()
    {
        var meeting = MeetingsOfEveryKind.On(Day).Single(m => m.VisitReminders.Count == 2);
        var threeReminders = meeting with { VisitReminders = [.. meeting.VisitReminders.Select(r => r with { Status = "sent" }), meeting.VisitReminders[0]] };
        var tally = new DayTally();

        tally.Add(threeReminders);

        var summary = tally.Summary(Day);
        Assert.Equal(1, summary.Visits.Reminded);
        Assert.Equal(new FlowEventFigures(Sent: 2, Failed: 0), summary.FlowEvents);
    }

    [Fact]
    public async Task It_reads_every_page_of_that_days_rows_and_no_listing()
    {
        var meetings = MeetingsOfEveryKind.On(Day);
        _store.ListDayOutlinesAsync(Day, null, Arg.Any<CancellationToken>())
            .Returns((meetings.Take(5).ToList(), (string?)"page-2"));
        _store.ListDayOutlinesAsync(Day, "page-2", Arg.Any<CancellationToken>())
            .Returns((meetings.Skip(5).ToList(), (string?)null));

        var summary = await Summarizer.SummarizeAsync(Day, CancellationToken.None);

        MeetingsOfEveryKind.AssertSame(MeetingsOfEveryKind.Figures(Day), summary);
        await _store.Received(2).ListDayOutlinesAsync(Arg.Any<DateOnly>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
        await _store.DidNotReceiveWithAnyArgs().ListDayAsync(default, default!, default, default, default);
    }

    [Fact]
    public void Without_a_day_it_is_today_in_UTC()
    {
        Assert.Equal(new DateOnly(2026, 11, 26), Summarizer.DayOf(Query()).Value);
        Assert.Equal(Day, Summarizer.DayOf(Query(("day", "2026-11-25"))).Value);
    }

    [Theory]
    [InlineData("day", "2026-13-01", "day")]
    [InlineData("day", "25.11.2026", "day")]
    [InlineData("date", "2026-11-25", "date")]
    public void A_bad_day_or_an_unknown_parameter_is_an_invalid_query_naming_it(string name, string value, string field)
    {
        var failure = Summarizer.DayOf(Query((name, value))).Failure;

        Assert.NotNull(failure);
        Assert.Equal("invalid_query", failure.Code);
        Assert.Equal([field], failure.Errors!.Keys);
    }

    [Fact]
    public void The_described_answer_lists_the_services_statuses()
    {
        var statuses = ServedDescription.Json["components"]!["schemas"]!["DaySummary"]!["properties"]!["statuses"]!;

        Assert.Equal(MeetingStatus.All, statuses["required"]!.AsArray().Select(s => s!.GetValue<string>()));
    }
}
