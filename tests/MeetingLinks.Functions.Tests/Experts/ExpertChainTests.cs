using MeetingLinks.Connect;
using MeetingLinks.Experts;
using MeetingLinks.Meetings;
using MeetingLinks.Notifications;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MeetingLinks.Tests.Experts;

/// <summary>The chain's rules as changes to a record, on a fake clock: how a step ends, who takes the visit, what the flow hears.</summary>
public class ExpertChainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(2);
    private static readonly ExpertTarget Ana = new(ExpertTarget.Email, "ana@clinic.example");
    private static readonly ExpertTarget Ben = new(ExpertTarget.Email, "ben@clinic.example");
    private readonly ExpertChain _chain;

    public ExpertChainTests()
    {
        var time = new FakeTimeProvider(Now);
        var connect = Options.Create(new ConnectOptions { EventsUrl = new Uri("https://connect.example/hook") });
        var flow = new FlowEvents(new InMemoryMeetingStore(), new RecordingOutbox(), new ConnectEventsClient(new HttpClient(), connect, time), connect, time);
        _chain = new ExpertChain(flow);
    }

    [Fact]
    public void The_first_step_starts_with_the_links_its_card_and_deadline_open_and_the_rest_queued()
    {
        var record = Chain(Ana, Ben);

        Assert.Equal(["waiting", "queued"], Outcomes(record));
        Assert.Equal(Now + Wait, record.Notifications[0].DueAt);
        Assert.Equal(
            [new NotificationMessage(record.MeetingId, "expert", "create"), new NotificationMessage(record.MeetingId, "deadline", "create", Now + Wait)],
            record.OpenWork);
        Assert.Equal("none", record.ExpertAnswer);
    }

    [Fact]
    public void A_step_whose_time_passed_is_passed_on_with_a_note_on_its_card_and_the_flow_hears_nothing()
    {
        var record = Sent(Chain(Ana, Ben), "create");

        var next = _chain.PassOn(record, "create", ExpertChain.TimedOut, Now + Wait, dueBy: Now + Wait)!;

        Assert.Equal(["timedOut", "waiting"], Outcomes(next));
        Assert.Equal(Now + Wait + Wait, next.Notifications[1].DueAt);
        var note = Assert.Single(next.Replies);
        Assert.Equal(("passed-create", "msg-create", "Nobody joined within 2 min: the visit was passed on to email b***@clinic.example."),
            (note.ActionId, note.ParentId, note.Markdown));
        Assert.Empty(next.FlowDeliveries);
        Assert.Contains(new NotificationMessage(record.MeetingId, "expert", "create.1"), next.OpenWork);
    }

    [Fact]
    public void A_deadline_that_surfaces_early_or_after_its_step_ended_changes_nothing()
    {
        var record = Sent(Chain(Ana, Ben), "create");
        var passedOn = _chain.PassOn(record, "create", ExpertChain.TimedOut, Now + Wait, dueBy: Now + Wait)!;

        Assert.Null(_chain.PassOn(record, "create", ExpertChain.TimedOut, Now, dueBy: Now + Wait - TimeSpan.FromSeconds(1)));
        Assert.Null(_chain.PassOn(passedOn, "create", ExpertChain.TimedOut, Now + Wait, dueBy: Now + Wait));
    }

    [Fact]
    public void The_last_step_running_out_of_time_tells_the_flow_unanswered_once()
    {
        var record = Sent(Chain(Ana, Ben), "create");
        record = Sent(_chain.PassOn(record, "create", ExpertChain.TimedOut, Now + Wait, dueBy: Now + Wait)!, "create.1");

        var ended = _chain.PassOn(record, "create.1", ExpertChain.TimedOut, Now + Wait + Wait, dueBy: Now + Wait + Wait)!;

        Assert.Equal(["timedOut", "timedOut"], Outcomes(ended));
        Assert.Equal(["expert.unanswered"], ended.FlowDeliveries.Select(e => e.Event));
        Assert.Contains("no other expert is left. The customer is told.", ended.Replies[^1].Markdown, StringComparison.Ordinal);
        Assert.Equal("unanswered", ended.ExpertAnswer);
        Assert.Null(_chain.PassOn(ended, "create.1", ExpertChain.TimedOut, Now + Wait + Wait, dueBy: Now + Wait + Wait));
        Assert.DoesNotContain(ended.OpenWork, w => w.IsTimer);
    }

    [Fact]
    public void A_decline_passes_on_at_once_and_a_decline_by_the_last_tells_the_flow_declined()
    {
        var record = Sent(Chain(Ana, Ben), "create");

        var (passed, counted) = _chain.Answer(record, record.Notifications[0], By("declined", "person-ana", "msg-create"), "action-1", "room-ana");

        Assert.True(counted);
        Assert.Equal(["declined", "waiting"], Outcomes(passed!));
        Assert.Equal("**Dr Ana** can't take it. The visit is passed on to email b***@clinic.example.", passed!.Replies.Single().Markdown);
        Assert.Empty(passed.FlowDeliveries);
        Assert.Null(passed.ExpertResponse);

        var last = Sent(passed, "create.1");
        var (ended, _) = _chain.Answer(last, last.Notifications[1], By("declined", "person-ben", "msg-create.1"), "action-2", "room-ben");
        Assert.Equal(["expert.declined"], ended!.FlowDeliveries.Select(e => e.Event));
        Assert.Equal(("declined", "person-ben"), (ended.ExpertResponse!.Answer, ended.ExpertResponse.PersonId));
        Assert.Equal("declined", ended.ExpertAnswer);
    }

    [Fact]
    public void A_card_that_cannot_be_sent_passes_on_and_the_last_tells_the_flow_unreachable()
    {
        var record = Chain(Ana, Ben);

        var passed = _chain.PassOn(record, "create", ExpertChain.Unreachable, Now)!;
        var ended = _chain.PassOn(passed, "create.1", ExpertChain.Unreachable, Now)!;

        Assert.Equal(["unreachable", "waiting"], Outcomes(passed));
        Assert.Empty(passed.Replies); // an unsent card has no thread
        Assert.Equal(["expert.unreachable"], ended.FlowDeliveries.Select(e => e.Event));
        Assert.Equal("unreachable", ended.ExpertAnswer);
    }

    [Fact]
    public void A_late_joining_on_a_passed_on_card_takes_the_visit_and_the_waiting_card_is_told()
    {
        var record = Sent(Chain(Ana, Ben), "create");
        record = Sent(_chain.PassOn(record, "create", ExpertChain.TimedOut, Now + Wait, dueBy: Now + Wait)!, "create.1");

        var (taken, counted) = _chain.Answer(record, record.Notifications[0], By("joining", "person-ana", "msg-create"), "action-1", "room-ana");

        Assert.True(counted);
        Assert.Equal(["joining", "taken"], Outcomes(taken!));
        Assert.Equal(("joining", "person-ana"), (taken!.ExpertResponse!.Answer, taken.ExpertResponse.PersonId));
        Assert.Equal(["expert.joining"], taken.FlowDeliveries.Select(e => e.Event));
        Assert.Contains(taken.Replies, r => r.ActionId == "taken-create.1" && r.ParentId == "msg-create.1"
            && r.Markdown == "The visit was taken: **Dr Ana** is joining.");
        Assert.Contains(taken.Replies, r => r.ActionId == "action-1" && r.Markdown == "**Dr Ana** is joining. The customer is told.");
        Assert.DoesNotContain(taken.OpenWork, w => w.IsTimer);
    }

    [Fact]
    public void A_card_not_yet_sent_when_its_step_is_taken_is_not_sent_and_a_late_joiner_keeps_when_they_were_passed_on()
    {
        var record = Sent(Chain(Ana, Ben), "create");
        record = _chain.PassOn(record, "create", ExpertChain.TimedOut, Now + Wait, dueBy: Now + Wait)!;

        var (taken, _) = _chain.Answer(record, record.Notifications[0], By("joining", "person-ana", "msg-create"), "action-1", "room-ana");

        var (ana, ben) = (taken!.Notifications[0], taken.Notifications[1]);
        Assert.Equal(("joining", Now + Wait), (ana.Outcome, ana.EndedAt));
        Assert.Equal(("taken", Delivery.Failed), (ben.Outcome, ben.Delivery.Status));
        Assert.DoesNotContain(taken.OpenWork, w => w.Id == "create.1");
        Assert.DoesNotContain(taken.Replies, r => r.ActionId == "taken-create.1"); // no card, no thread
    }

    [Fact]
    public void After_someone_joined_a_second_joining_and_a_decline_change_nothing_but_are_told_who_is_joining()
    {
        var record = Sent(Sent(Chain(Ana, Ben), "create"), "create.1");
        var (taken, _) = _chain.Answer(record, record.Notifications[0], By("joining", "person-ana", "msg-create"), "action-1", "room-ana");

        var (again, joinCounted) = _chain.Answer(taken!, taken!.Notifications[1], By("joining", "person-ben", "msg-create.1"), "action-2", "room-ben");
        var (declined, declineCounted) = _chain.Answer(again!, again!.Notifications[1], By("declined", "person-ben", "msg-create.1"), "action-3", "room-ben");

        Assert.False(joinCounted);
        Assert.False(declineCounted);
        Assert.Equal("person-ana", declined!.ExpertResponse!.PersonId);
        Assert.Single(declined.FlowDeliveries);
        Assert.All(declined.Replies.Where(r => r.ActionId is "action-2" or "action-3"),
            r => Assert.Equal("Already answered: **Dr Ana** is joining.", r.Markdown));
        Assert.Null(_chain.Answer(declined, declined.Notifications[1], By("joining", "person-ben", "msg-create.1"), "action-2", "room-ben").Next);
    }

    [Fact]
    public void A_decline_on_a_card_already_passed_on_changes_nothing()
    {
        var record = Sent(Chain(Ana, Ben), "create");
        var passed = _chain.PassOn(record, "create", ExpertChain.TimedOut, Now + Wait, dueBy: Now + Wait)!;

        var (next, counted) = _chain.Answer(passed, passed.Notifications[0], By("declined", "person-ana", "msg-create"), "action-1", "room-ana");

        Assert.False(counted);
        Assert.Equal(["timedOut", "waiting"], Outcomes(next!));
        Assert.Equal("**Dr Ana** can't take it; the visit had been passed on already.", next!.Replies[^1].Markdown);
    }

    [Fact]
    public void A_joining_after_the_chain_ended_unanswered_still_takes_the_visit_and_the_flow_hears_it_after()
    {
        var record = Sent(Chain(Ana), "create");
        var ended = _chain.PassOn(record, "create", ExpertChain.TimedOut, Now + Wait, dueBy: Now + Wait)!;

        var (taken, counted) = _chain.Answer(ended, ended.Notifications[0], By("joining", "person-ana", "msg-create"), "action-1", "room-ana");

        Assert.True(counted);
        Assert.Equal(["expert.unanswered", "expert.joining"], taken!.FlowDeliveries.Select(e => e.Event));
        Assert.Equal("joining", taken.ExpertAnswer);
    }

    private static MeetingRecord Chain(params ExpertTarget[] experts) => ExpertChain.Begin(TestMeetings.WithHostLink(Now, "20261125-51299877-k3j7xq2a") with
    {
        Notifications = ExpertChain.Plan(IssuedLink.CreateBatch, experts, Now),
        ExpertWait = Wait,
    }, Now);

    /// <summary>The record after Webex took the card of step <paramref name="id"/> (message id <c>msg-{id}</c>).</summary>
    private static MeetingRecord Sent(MeetingRecord record, string id) => record with
    {
        Notifications = [.. record.Notifications.Select(n => n.Id == id
            ? n with { Delivery = n.Delivery with { Status = Delivery.Sent, MessageId = $"msg-{id}", SentAt = Now } }
            : n)],
    };

    /// <summary><paramref name="answer"/> pressed by <c>person-ana</c>, whom Webex calls "Dr Ana".</summary>
    private static ExpertResponse By(string answer, string personId, string messageId)
    {
        var name = personId["person-".Length..];
        return new(answer, personId, $"Dr {char.ToUpperInvariant(name[0])}{name[1..]}", messageId, Now);
    }

    private static List<string?> Outcomes(MeetingRecord record) => [.. record.Notifications.Select(n => n.Outcome)];
}
