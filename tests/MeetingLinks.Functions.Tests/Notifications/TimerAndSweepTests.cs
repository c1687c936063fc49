using MeetingLinks.Connect;
using MeetingLinks.Meetings;
using MeetingLinks.Notifications;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace MeetingLinks.Tests.Notifications;

/// <summary>Timers on the queue and the sweep of open work, on a fake clock with the store and the queue in memory.</summary>
public class TimerAndSweepTests
{
    private const string MeetingId = "20261125-51299877-k3j7xq2a";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryMeetingStore _store = new();
    private readonly RecordingOutbox _outbox = new();
    private readonly ITimerKind _kind = Substitute.For<ITimerKind>();
    private readonly NotificationTimers _timers;
    private readonly OpenWorkSweep _sweep;

    public TimerAndSweepTests()
    {
        _store.Time = _time;
        _kind.Name.Returns("deadline");
        _timers = new NotificationTimers([_kind], _outbox, _time, NullLogger<NotificationTimers>.Instance);
        _sweep = new OpenWorkSweep(_store, _outbox, Options.Create(new NotificationsOptions()), _time, NullLogger<OpenWorkSweep>.Instance);
    }

    [Fact]
    public async Task A_timer_due_fires_its_kind_once_and_one_due_later_goes_back_on_the_queue()
    {
        var due = new NotificationMessage(MeetingId, "deadline", "create", Now);
        var later = new NotificationMessage(MeetingId, "deadline", "create.1", Now.AddDays(10));

        await _timers.FireAsync(due, CancellationToken.None);
        await _timers.FireAsync(later, CancellationToken.None);

        await _kind.Received(1).FireAsync(due, Arg.Any<CancellationToken>());
        await _kind.DidNotReceive().FireAsync(later, Arg.Any<CancellationToken>());
        Assert.Equal(later, Assert.Single(_outbox.Messages).Message);
    }

    [Fact]
    public void A_timer_is_invisible_until_due_for_at_most_a_queues_seven_days_and_a_message_for_its_delay()
    {
        var message = new NotificationMessage(MeetingId, "expert", "create");

        Assert.Equal(TimeSpan.FromSeconds(90), NotificationOutbox.InvisibleFor(message with { DueAt = Now.AddSeconds(90) }, null, Now));
        Assert.Equal(NotificationOutbox.LongestHop, NotificationOutbox.InvisibleFor(message with { DueAt = Now.AddDays(30) }, null, Now));
        Assert.True(NotificationOutbox.LongestHop < TimeSpan.FromDays(7));
        Assert.Null(NotificationOutbox.InvisibleFor(message with { DueAt = Now.AddSeconds(-5) }, null, Now));
        Assert.Equal(TimeSpan.FromSeconds(4), NotificationOutbox.InvisibleFor(message, TimeSpan.FromSeconds(4), Now));
    }

    [Fact]
    public async Task Work_a_crash_kept_from_the_queue_is_queued_by_the_sweep_once_after_a_few_minutes()
    {
        _store.Overwrite(Meeting());
        // The record is written with an event for the flow; the process dies before the queue put.
        await _store.ChangeAsync(MeetingId, r => r with { FlowDeliveries = [new FlowEvent("e-1", FlowEvent.Joining, Now, Delivery.Queued(Now))] }, CancellationToken.None);

        var atOnce = await _sweep.SweepAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var afterFiveMinutes = await _sweep.SweepAsync(CancellationToken.None);
        var rightAfter = await _sweep.SweepAsync(CancellationToken.None);

        Assert.Equal((0, 1, 0), (atOnce, afterFiveMinutes, rightAfter));
        Assert.Equal(new NotificationMessage(MeetingId, FlowEvents.KindName, "e-1"), Assert.Single(_outbox.Messages).Message);
    }

    [Fact]
    public async Task Settled_work_leaves_the_index_and_work_of_an_erased_meeting_is_forgotten()
    {
        _store.Overwrite(Meeting());
        await _store.ChangeAsync(MeetingId, r => r with { FlowDeliveries = [new FlowEvent("e-1", FlowEvent.Joining, Now, Delivery.Queued(Now))] }, CancellationToken.None);
        await _store.ChangeAsync(MeetingId, r => r with { FlowDeliveries = [.. r.FlowDeliveries.Select(e => e with { Delivery = e.Delivery with { Status = Delivery.Sent } })] }, CancellationToken.None);
        Assert.Empty(_store.OpenWorkIndex);

        await _store.KeepOpenWorkAsync(new NotificationMessage(MeetingId, FlowEvents.KindName, "e-1"), Now, CancellationToken.None);
        await _store.EraseAsync(MeetingId, Now, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(0, await _sweep.SweepAsync(CancellationToken.None));
        Assert.Empty(_store.OpenWorkIndex);
        Assert.Empty(_outbox.Messages);
    }

    [Fact]
    public async Task A_timer_counts_as_lost_only_a_few_minutes_after_it_was_due()
    {
        var experts = new[] { new MeetingLinks.Experts.ExpertTarget("email", "ana@clinic.example") };
        await _store.AddAsync(Meeting() with { ExpertWait = TimeSpan.FromMinutes(30), Notifications = MeetingLinks.Experts.ExpertChain.Plan(IssuedLink.CreateBatch, experts, Now) }, CancellationToken.None);
        await _store.ChangeAsync(MeetingId, r => MeetingLinks.Experts.ExpertChain.Begin(r, Now), CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(30));
        var atDue = await _sweep.SweepAsync(CancellationToken.None);
        var queuedAtDue = _outbox.Messages.Select(m => m.Message.Kind).ToList();
        _time.Advance(TimeSpan.FromMinutes(6));
        await _sweep.SweepAsync(CancellationToken.None);

        // At 30 minutes only the card (open since the start) is queued again; the deadline once it is 5 minutes late.
        Assert.Equal(1, atDue);
        Assert.Equal(["expert"], queuedAtDue);
        Assert.Contains(_outbox.Messages, m => m.Message == new NotificationMessage(MeetingId, "deadline", "create", Now.AddMinutes(30)));
    }

    [Fact]
    public async Task The_rows_a_chain_plans_are_written_with_the_meeting_and_kept_while_its_links_are_not_there()
    {
        var experts = new[] { new MeetingLinks.Experts.ExpertTarget("email", "ana@clinic.example") };
        await _store.AddAsync(Meeting() with { Links = [], Notifications = MeetingLinks.Experts.ExpertChain.Plan(IssuedLink.CreateBatch, experts, Now) }, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(6));
        var queued = await _sweep.SweepAsync(CancellationToken.None);

        Assert.Equal(0, queued);
        Assert.Equal([("expert", "create"), ("deadline", "create")], _store.OpenWorkIndex.Keys.Select(k => (k.Kind, k.Id)).Order().Reverse());
        Assert.Empty(_outbox.Messages);
    }

    private static MeetingRecord Meeting() => TestMeetings.WithHostLink(Now, MeetingId);
}
