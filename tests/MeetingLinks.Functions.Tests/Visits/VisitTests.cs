using MeetingLinks.Connect;
using MeetingLinks.Experts;
using MeetingLinks.InstantConnect;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Create;
using MeetingLinks.Meetings.Visits;
using MeetingLinks.Notifications;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace MeetingLinks.Tests.Visits;

/// <summary>Visits booked ahead on a fake clock: what a booking may say, the links' window, and the reminders.</summary>
public class VisitTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset StartsAt = Now.AddHours(2);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryMeetingStore _store = new();
    private readonly RecordingOutbox _outbox = new();
    private readonly VisitsOptions _options = new();
    private readonly LinkRequestValidator _validator;
    private readonly VisitReminders _reminders;

    public VisitTests()
    {
        _validator = new(Options.Create(new InstantConnectOptions()), Options.Create(_options), _time);
        var connect = Options.Create(new ConnectOptions { EventsUrl = new Uri("https://connect.example/hook") });
        var flow = new FlowEvents(_store, _outbox, new ConnectEventsClient(new HttpClient(), connect, _time), connect, _time);
        _reminders = new VisitReminders(_store, _outbox, flow, Options.Create(_options), _time, NullLogger<VisitReminders>.Instance);
    }

    [Fact]
    public void A_booking_gets_its_duration_and_the_settings_reminders_by_default()
    {
        var visit = _validator.Validate(new CreateMeetingRequest { StartsAt = StartsAt }, null).Value!.Visit!;

        Assert.Equal((StartsAt, 30), (visit.StartsAt, visit.DurationMinutes));
        Assert.Equal([TimeSpan.FromMinutes(15)], visit.Reminders);
    }

    [Fact]
    public void A_booking_that_names_no_reminders_keeps_its_fingerprint_when_the_setting_changes()
    {
        var request = new CreateMeetingRequest { StartsAt = StartsAt };
        var later = new LinkRequestValidator(Options.Create(new InstantConnectOptions()), Options.Create(new VisitsOptions { Reminders = "PT1H;P1D" }), _time);

        var before = RequestFingerprint.Of(_validator.Validate(request, null).Value!);
        var after = RequestFingerprint.Of(later.Validate(request, null).Value!);
        var named = RequestFingerprint.Of(_validator.Validate(new CreateMeetingRequest { StartsAt = StartsAt, Reminders = ["PT15M"] }, null).Value!);

        Assert.Equal(before, after);
        Assert.NotEqual(before, named);
    }

    [Theory]
    [InlineData("past", "startsAt")]
    [InlineData("too far", "startsAt")]
    [InlineData("no start, duration", "durationMinutes")]
    [InlineData("no start, reminders", "reminders")]
    [InlineData("zero minutes", "durationMinutes")]
    [InlineData("481 minutes", "durationMinutes")]
    [InlineData("four reminders", "reminders")]
    [InlineData("30 seconds before", "reminders[0]")]
    [InlineData("31 days before", "reminders[0]")]
    [InlineData("twice the same", "reminders[1]")]
    [InlineData("a null reminder", "reminders[0]")]
    [InlineData("links open after the start", "validFrom")]
    [InlineData("links close before the end", "expiresAt")]
    public void A_wrong_booking_is_a_400_naming_the_field(string shape, string field)
    {
        var request = new CreateMeetingRequest { StartsAt = StartsAt };
        switch (shape)
        {
            case "past": request.StartsAt = Now.AddMinutes(-1); break;
            case "too far": request.StartsAt = Now.AddDays(367); break;
            case "no start, duration": request.StartsAt = null; request.DurationMinutes = 20; break;
            case "no start, reminders": request.StartsAt = null; request.Reminders = ["PT15M"]; break;
            case "zero minutes": request.DurationMinutes = 0; break;
            case "481 minutes": request.DurationMinutes = 481; break;
            case "four reminders": request.Reminders = ["PT1M", "PT2M", "PT3M", "PT4M"]; break;
            case "30 seconds before": request.Reminders = ["PT30S"]; break;
            case "31 days before": request.Reminders = ["P31D"]; break;
            case "twice the same": request.Reminders = ["PT1H", "PT60M"]; break;
            case "a null reminder": request.Reminders = [null!]; break;
            case "links open after the start": request.ValidFrom = StartsAt.AddMinutes(1); break;
            case "links close before the end": request.ExpiresAt = StartsAt.AddMinutes(29); break;
        }

        var failure = _validator.Validate(request, null).Failure!;

        Assert.Equal("invalid_request", failure.Code);
        Assert.Contains(field, failure.Errors!.Keys);
    }

    [Fact]
    public void The_links_open_before_the_start_but_not_before_now_and_close_after_the_end_unless_the_request_says()
    {
        var visit = new Visit(StartsAt, 20, []);
        var asked = new LinkValidity(null, null, TimeSpan.FromDays(1));

        var window = visit.Window(asked, _options, Now);
        var soon = new Visit(Now.AddMinutes(5), 20, []).Window(asked, _options, Now);
        var given = visit.Window(asked with { From = Now, Until = StartsAt.AddDays(1) }, _options, Now);

        Assert.Equal((StartsAt.AddMinutes(-15), StartsAt.AddMinutes(20 + 60)), (window.From, window.Until));
        Assert.Equal(((DateTimeOffset?)null, Now.AddMinutes(5 + 20 + 60)), (soon.From, soon.Until));
        Assert.Equal((Now, StartsAt.AddDays(1)), (given.From, given.Until));
    }

    [Fact]
    public void A_reminder_whose_time_passed_at_booking_is_skipped()
    {
        var reminders = new Visit(Now.AddMinutes(30), 30, [TimeSpan.FromHours(1), TimeSpan.FromMinutes(15)]).Plan(Now);

        Assert.Equal([("PT1H", "skipped"), ("PT15M", "planned")], reminders.Select(r => (r.Id, r.Status)));
    }

    [Fact]
    public async Task A_reminder_due_tells_the_flow_once_with_the_start_and_how_long_before()
    {
        var meeting = await BookedAsync(TimeSpan.FromMinutes(15));
        var timer = Assert.Single(meeting.OpenWork, w => w.Kind == VisitReminders.KindName);
        _time.SetUtcNow(timer.DueAt!.Value.AddSeconds(1));

        await _reminders.FireAsync(timer, CancellationToken.None);
        await _reminders.FireAsync(timer, CancellationToken.None);

        var record = (await _store.GetAsync(meeting.MeetingId, CancellationToken.None))!;
        Assert.Equal(VisitReminder.Sent, Assert.Single(record.VisitReminders).Status);
        var flowEvent = Assert.Single(record.FlowDeliveries);
        Assert.Equal(("visit.reminder", "PT15M"), (flowEvent.Event, flowEvent.RemindBefore));
        var body = FlowEvents.Body(record, flowEvent, _time.GetUtcNow());
        Assert.Equal((StartsAt.UtcDateTime, "PT15M", "https://instant.webex.com/visit/gCode01"), (body.StartsAt, body.RemindBefore, body.GuestUrl));
        Assert.Contains(_outbox.Messages, m => m.Message.Kind == FlowEvents.KindName);
    }

    [Fact]
    public async Task A_reminder_further_ahead_than_a_queue_keeps_a_message_is_carried_over_and_sent_at_its_time()
    {
        var timers = new NotificationTimers([_reminders], _outbox, _time, NullLogger<NotificationTimers>.Instance);
        var meeting = await BookedAsync(TimeSpan.FromMinutes(15), Now.AddDays(20));
        var timer = Assert.Single(meeting.OpenWork, w => w.Kind == VisitReminders.KindName);

        var hops = 0;
        for (var hidden = NotificationOutbox.InvisibleFor(timer, null, _time.GetUtcNow()); hidden is { } wait; hidden = NotificationOutbox.InvisibleFor(timer, null, _time.GetUtcNow()))
        {
            _time.Advance(wait);
            await timers.FireAsync(timer, CancellationToken.None);
            hops++;
        }

        // Two hops of under seven days each and the rest, then the reminder at its time: sent once, not put back again.
        Assert.Equal((3, Now.AddDays(20).AddMinutes(-15)), (hops, _time.GetUtcNow()));
        Assert.Equal(2, _outbox.Messages.Count(m => m.Message == timer));
        var record = (await _store.GetAsync(meeting.MeetingId, CancellationToken.None))!;
        Assert.Equal(VisitReminder.Sent, Assert.Single(record.VisitReminders).Status);
        Assert.Equal(FlowEvent.Reminder, Assert.Single(record.FlowDeliveries).Event);
    }

    [Fact]
    public async Task A_reminder_more_than_the_grace_late_is_missed_and_not_sent()
    {
        var meeting = await BookedAsync(TimeSpan.FromMinutes(15));
        var timer = Assert.Single(meeting.OpenWork, w => w.Kind == VisitReminders.KindName);
        _time.SetUtcNow(timer.DueAt!.Value.AddMinutes(6));

        await _reminders.FireAsync(timer, CancellationToken.None);

        var record = (await _store.GetAsync(meeting.MeetingId, CancellationToken.None))!;
        Assert.Equal(VisitReminder.Missed, Assert.Single(record.VisitReminders).Status);
        Assert.Empty(record.FlowDeliveries);
    }

    [Fact]
    public async Task A_reminder_timer_for_another_time_than_the_record_plans_does_nothing()
    {
        var meeting = await BookedAsync(TimeSpan.FromMinutes(15));
        var timer = Assert.Single(meeting.OpenWork, w => w.Kind == VisitReminders.KindName);
        _time.SetUtcNow(StartsAt);

        await _reminders.FireAsync(timer with { DueAt = timer.DueAt!.Value.AddHours(-1) }, CancellationToken.None);

        Assert.Equal(VisitReminder.Planned, Assert.Single((await _store.GetAsync(meeting.MeetingId, CancellationToken.None))!.VisitReminders).Status);
    }

    [Fact]
    public async Task A_visits_chain_of_experts_begins_its_notice_before_the_start_on_a_timer()
    {
        var chain = new ExpertChain(new FlowEvents(_store, _outbox, new ConnectEventsClient(new HttpClient(), Options.Create(new ConnectOptions()), _time),
            Options.Create(new ConnectOptions()), _time));
        var planned = (await BookedAsync(TimeSpan.FromMinutes(15))) with
        {
            Notifications = ExpertChain.Plan(IssuedLink.CreateBatch, [new ExpertTarget(ExpertTarget.Email, "ana@clinic.example")], Now),
            ExpertWait = TimeSpan.FromMinutes(2),
        };

        var begun = ExpertChain.Begin(planned, Now, _options.ExpertNoticeSpan);
        var begins = StartsAt.AddMinutes(-15);
        var started = chain.Due(begun, "create", begins, begins)!;

        Assert.Equal((ExpertChain.Queued, begins), (begun.Notifications[0].Outcome, begun.Notifications[0].DueAt));
        Assert.Contains(new NotificationMessage(planned.MeetingId, ExpertDeadlines.KindName, "create", begins), begun.OpenWork);
        Assert.DoesNotContain(begun.OpenWork, w => w.Kind == ExpertMessages.KindName);
        Assert.Equal((ExpertChain.Waiting, begins.AddMinutes(2)), (started.Notifications[0].Outcome, started.Notifications[0].DueAt));
        Assert.Contains(started.OpenWork, w => w.Kind == ExpertMessages.KindName);
        Assert.Equal(ExpertChain.Waiting, ExpertChain.Begin(planned, begins.AddMinutes(1), _options.ExpertNoticeSpan).Notifications[0].Outcome);
    }

    [Fact]
    public void A_cancelled_visits_experts_are_told_in_their_threads_an_unsent_card_stays_unsent_and_a_later_press_changes_nothing()
    {
        var flow = new FlowEvents(_store, _outbox, new ConnectEventsClient(new HttpClient(), Options.Create(new ConnectOptions()), _time),
            Options.Create(new ConnectOptions()), _time);
        var experts = new[] { new ExpertTarget(ExpertTarget.Email, "ana@clinic.example"), new ExpertTarget(ExpertTarget.Email, "ben@clinic.example") };
        var record = ExpertChain.Begin(TestMeetings.WithHostLink(Now) with { Notifications = ExpertChain.Plan(IssuedLink.CreateBatch, experts, Now), ExpertWait = TimeSpan.FromMinutes(2) }, Now);
        record = record with { Notifications = [record.Notifications[0] with { Delivery = record.Notifications[0].Delivery with { Status = Delivery.Sent, MessageId = "msg-ana" } }, record.Notifications[1]] };

        var cancelled = ExpertChain.Cancel(record, Now) with { Status = MeetingStatus.Cancelled };
        var (pressed, counted) = new ExpertChain(flow).Answer(cancelled, cancelled.Notifications[0],
            new ExpertResponse(ExpertResponse.Joining, "person-ana", "Ana", "msg-ana", Now), "action-1", "room-ana");

        Assert.Equal([("cancelled-create", ExpertChain.CancelledNote)], cancelled.Replies.Select(r => (r.ActionId, r.Markdown)));
        Assert.Equal(Delivery.Failed, cancelled.Notifications[1].Delivery.Status);
        Assert.DoesNotContain(cancelled.OpenWork, w => w.Kind != ExpertReplies.KindName);
        Assert.False(counted);
        Assert.Null(pressed!.ExpertResponse);
        Assert.Equal(ExpertChain.CancelledNote, pressed.Replies[^1].Markdown);
        Assert.Null(new ExpertChain(flow).Due(cancelled, "create", Now.AddMinutes(2), Now.AddMinutes(2)));
    }

    [Fact]
    public void A_moved_visits_sent_cards_get_the_new_start_and_host_link_and_a_chain_not_begun_begins_before_the_new_start()
    {
        var experts = new[] { new ExpertTarget(ExpertTarget.Email, "ana@clinic.example") };
        var planned = TestMeetings.WithHostLink(Now) with
        {
            StartsAt = StartsAt,
            Notifications = [.. ExpertChain.Plan(IssuedLink.CreateBatch, experts, Now), new ExpertNotification("b-1", experts[0], new Delivery(Delivery.Sent, 1, Now, MessageId: "msg-b1"))],
            ExpertWait = TimeSpan.FromMinutes(2),
        };
        var begun = ExpertChain.Begin(planned, Now, _options.ExpertNoticeSpan);

        var moved = ExpertChain.Moved(begun with { StartsAt = StartsAt.AddDays(1) }, "r-1", "https://instant.webex.com/visit/hNew001", Now, _options.ExpertNoticeSpan);

        Assert.Equal(StartsAt.AddDays(1).AddMinutes(-15), moved.Notifications[0].DueAt);
        var note = Assert.Single(moved.Replies);
        Assert.Equal(("moved-r-1-b-1", "msg-b1", "The visit moved to 2026-11-26 11:00 UTC. Your new host link: https://instant.webex.com/visit/hNew001"),
            (note.ActionId, note.ParentId, note.Markdown));
    }

    [Fact]
    public void The_card_says_when_the_visit_starts_and_how_long_from_now()
    {
        var record = TestMeetings.WithHostLink(Now) with { StartsAt = StartsAt.AddMinutes(5) };

        var message = ExpertMessage.For(record, IssuedLink.CreateBatch, Now)!;

        Assert.Contains("Starts: 2026-11-25 11:05 UTC (in 2 h 5 min)", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_move_that_would_pass_a_meetings_100_links_is_refused_before_the_broker_is_asked()
    {
        var broker = Substitute.For<IInstantConnectClient>();
        var issuer = new LinkIssuer(_store, broker, _outbox, Options.Create(new MeetingsOptions()), _time, NullLogger<LinkIssuer>.Instance);
        var connect = Options.Create(new ConnectOptions());
        var rescheduler = new VisitRescheduler(issuer, new FlowEvents(_store, _outbox, new ConnectEventsClient(new HttpClient(), connect, _time), connect, _time),
            Options.Create(_options), Options.Create(new InstantConnectOptions()), _time, NullLogger<VisitRescheduler>.Instance);
        var booked = await BookedAsync(TimeSpan.FromMinutes(15));
        var guest = booked.Links[^1];
        _store.Overwrite(booked with { Hosts = 1, Guests = 1, Links = [.. booked.Links, .. Enumerable.Repeat(guest, 99 - booked.Links.Count)] });

        var moved = await rescheduler.RescheduleAsync(booked.MeetingId, new ValidatedReschedule(null, new Visit(StartsAt.AddDays(1), 30, [])), CancellationToken.None);

        Assert.Equal("link_limit", moved.Failure!.Code);
        Assert.Equal(StartsAt, (await _store.GetAsync(booked.MeetingId, CancellationToken.None))!.StartsAt);
        await broker.DidNotReceiveWithAnyArgs().CreateLinksAsync(default!, default);
    }

    /// <summary>A meeting with a visit at <paramref name="startsAt"/> (or <see cref="StartsAt"/>) and one reminder, its links stored.</summary>
    private async Task<MeetingRecord> BookedAsync(TimeSpan reminder, DateTimeOffset? startsAt = null)
    {
        var start = startsAt ?? StartsAt;
        var visit = new Visit(start, 30, [reminder]);
        var record = TestMeetings.WithHostLink(Now) with
        {
            StartsAt = start,
            DurationMinutes = 30,
            VisitReminders = visit.Plan(Now),
            ExpiresAt = start.AddHours(2),
        };
        record = record with
        {
            Links = [.. record.Links, new IssuedLink(IssuedLink.Guest, "https://instant.webex.com/visit/gCode01", "gCode01", Now, start.AddHours(2), Now, IssuedLink.CreateBatch)],
        };
        return await _store.AddAsync(record, CancellationToken.None);
    }
}
