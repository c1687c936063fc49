using System.Text;
using MeetingLinks.Experts;
using MeetingLinks.Meetings;
using MeetingLinks.Notifications;
using MeetingLinks.Operations;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace MeetingLinks.Tests.Operations;

public class MeetingsCsvTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+15551234567", "'+15551234567")]
    [InlineData("-5", "'-5")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    [InlineData("Zoë 王", "Zoë 王")]
    public void Cells_are_quoted_per_RFC_4180_and_formulas_neutralised(string? value, string expected)
    {
        Assert.Equal(expected, MeetingsCsv.Cell(value));
    }

    [Fact]
    public async Task The_chain_of_experts_is_one_cell_of_steps_in_order_with_the_wait_beside_it()
    {
        var at = new DateTimeOffset(2026, 11, 25, 9, 42, 58, TimeSpan.Zero);
        var record = Record(at) with
        {
            ExpertWait = TimeSpan.FromMinutes(2),
            Notifications =
            [
                new(IssuedLink.CreateBatch, new("email", "ana@clinic.example"), Sent(at), 0, ExpertChain.TimedOut, EndedAt: at.AddMinutes(2)),
                new(IssuedLink.CreateBatch, new("email", "ben@clinic.example"), Sent(at.AddMinutes(2)), 1, ExpertChain.Joining, EndedAt: at.AddMinutes(3)),
                new(IssuedLink.CreateBatch, new("email", "carla@clinic.example"), Delivery.Queued(at), 2, ExpertChain.Queued),
            ],
        };

        var (header, line) = await ExportAsync(record);

        Assert.EndsWith(",flowEvents,expertChain,answerWithin,startsAt,durationMinutes,reminders,cancelledAt", header, StringComparison.Ordinal);
        Assert.EndsWith(
            ",email a***@clinic.example timedOut sent 2026-11-25T09:42:58Z ended 2026-11-25T09:44:58Z; "
            + "email b***@clinic.example joining sent 2026-11-25T09:44:58Z ended 2026-11-25T09:45:58Z; email c***@clinic.example queued,PT2M,,,,",
            line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_without_a_chain_has_both_chain_cells_empty()
    {
        var (header, line) = await ExportAsync(Record(DateTimeOffset.UtcNow));

        Assert.Equal(MeetingsCsv.Columns.Length, header.Split(',').Length);
        Assert.EndsWith(",,,,,,", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visit_shows_its_start_duration_reminders_and_cancellation()
    {
        var at = new DateTimeOffset(2026, 11, 25, 9, 42, 58, TimeSpan.Zero);
        var record = Record(at) with
        {
            StartsAt = at.AddDays(1),
            DurationMinutes = 20,
            VisitReminders = new MeetingLinks.Meetings.Visits.Visit(at.AddDays(1), 20, [TimeSpan.FromDays(1), TimeSpan.FromMinutes(15)]).Plan(at.AddMinutes(1)),
            CancelledAt = at.AddHours(1),
        };

        var (_, line) = await ExportAsync(record);

        Assert.EndsWith(",2026-11-26T09:42:58Z,20,P1D skipped 2026-11-25T09:42:58Z; PT15M planned 2026-11-26T09:27:58Z,2026-11-25T10:42:58Z", line, StringComparison.Ordinal);
    }

    private static Delivery Sent(DateTimeOffset at) => new(Delivery.Sent, 1, at, MessageId: "msg", SentAt: at);

    private static MeetingRecord Record(DateTimeOffset createdAt) => TestMeetings.Created(createdAt);

    /// <summary>The CSV of one record as the export writes it: its header line and the record's line.</summary>
    private static async Task<(string Header, string Line)> ExportAsync(MeetingRecord record)
    {
        var rows = One(record).GetAsyncEnumerator();
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await new MeetingsCsv(rows, await rows.MoveNextAsync(), DateTimeOffset.UtcNow).ExecuteAsync(context);

        var lines = Encoding.UTF8.GetString(body.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        return (lines[0], lines[1]);
    }

    private static async IAsyncEnumerable<MeetingRecord> One(MeetingRecord record)
    {
        await Task.Yield();
        yield return record;
    }
}
