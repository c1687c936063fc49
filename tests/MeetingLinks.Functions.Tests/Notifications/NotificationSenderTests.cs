using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MeetingLinks.Experts;
using MeetingLinks.InstantConnect;
using MeetingLinks.Meetings;
using MeetingLinks.Connect;
using MeetingLinks.Notifications;
using MeetingLinks.Webex;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MeetingLinks.Tests.Notifications;

/// <summary>When the sender sends the expert's message, waits, tries again or gives up, on a fake clock, with Webex answering from a script.</summary>
public class NotificationSenderTests
{
    private const string MeetingId = "20261125-51299877-k3j7xq2a";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly ExpertTarget Expert = new(ExpertTarget.Email, "jane.expert@example.com");

    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryMeetingStore _store = new();
    private readonly ScriptedWebex _webex = new();
    private readonly RecordingOutbox _outbox = new();
    private readonly CapturedLogs _logs = new();
    private readonly NotificationsOptions _options = new();
    private readonly NotificationSender _notifier;

    public NotificationSenderTests()
    {
        var client = new WebexClient(new HttpClient(_webex), Options.Create(new WebexOptions()),
            Options.Create(new InstantConnectOptions { BotToken = "bot-token-SECRET" }), _time);
        var logging = LoggerFactory.Create(builder => builder.AddProvider(_logs));
        // No Connect__EventsUrl: the flow hears nothing, so these tests see the expert's message alone.
        var flow = new FlowEvents(_store, _outbox, new ConnectEventsClient(new HttpClient(), Options.Create(new ConnectOptions()), _time),
            Options.Create(new ConnectOptions()), _time);
        _notifier = new NotificationSender(_store, [new ExpertMessages(client, flow, new ExpertChain(flow), _store, _outbox, Options.Create(new NotificationsOptions()), _time)], _outbox,
            Options.Create(_options), _time, logging.CreateLogger<NotificationSender>());
    }

    [Fact]
    public async Task A_pending_message_is_sent_once_even_when_the_queue_delivers_it_twice()
    {
        _store.Overwrite(Meeting());

        await _notifier.SendAsync(Message(), "delivery-1", CancellationToken.None);
        await _notifier.SendAsync(Message(), "delivery-1", CancellationToken.None);
        await _notifier.SendAsync(Message(), "delivery-2", CancellationToken.None);

        var sent = Assert.Single(_webex.Requests);
        Assert.Contains("\"toPersonEmail\":\"jane.expert@example.com\"", sent.Body, StringComparison.Ordinal);
        Assert.Equal("Bearer bot-token-SECRET", sent.Authorization);
        var notification = Notification();
        Assert.Equal((Delivery.Sent, 1, "msg-1", (DateTimeOffset?)Now), (notification.Status, notification.Attempts, notification.MessageId, notification.SentAt));
        Assert.Null(notification.SendingBy);
        Assert.Empty(_outbox.Messages);
    }

    [Fact]
    public async Task A_meetings_flow_events_go_in_order_a_later_one_waits_unclaimed_while_an_earlier_one_is_pending()
    {
        var connect = new ScriptedWebex();
        var options = Options.Create(new ConnectOptions { EventsUrl = new Uri("https://connect.example/hook") });
        var flow = new FlowEvents(_store, _outbox, new ConnectEventsClient(new HttpClient(connect), options, _time), options, _time);
        var sender = new NotificationSender(_store, [flow], _outbox, Options.Create(new NotificationsOptions()), _time, LoggerFactory.Create(b => b.AddProvider(_logs)).CreateLogger<NotificationSender>());
        _store.Overwrite(flow.Add(flow.Add(Meeting(), "rescheduled-r-1", FlowEvent.Rescheduled, Now), "cancelled", FlowEvent.Cancelled, Now));
        var (first, second) = (new NotificationMessage(MeetingId, FlowEvents.KindName, "rescheduled-r-1"), new NotificationMessage(MeetingId, FlowEvents.KindName, "cancelled"));

        await sender.SendAsync(second, "delivery-2", CancellationToken.None);
        var heldAgain = Assert.Single(_outbox.Messages);
        await sender.SendAsync(first, "delivery-1", CancellationToken.None);
        await sender.SendAsync(heldAgain.Message, "delivery-3", CancellationToken.None);

        Assert.Equal((second, (TimeSpan?)TimeSpan.FromSeconds(1)), heldAgain);
        Assert.Equal(["visit.rescheduled", "visit.cancelled"], connect.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("event").GetString()));
        Assert.All(Assert.Single(_store.Meetings).FlowDeliveries, e => Assert.Equal((Delivery.Sent, 1), (e.Delivery.Status, e.Delivery.Attempts)));
    }

    [Fact]
    public async Task A_throttled_attempt_waits_as_long_as_webex_asks_and_then_sends()
    {
        _store.Overwrite(Meeting());
        _webex.Next(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(30));

        await _notifier.SendAsync(Message(), "delivery-1", CancellationToken.None);

        var again = Assert.Single(_outbox.Messages);
        Assert.Equal(TimeSpan.FromSeconds(30), again.Delay);
        Assert.Equal((Delivery.Pending, 1, (string?)null), (Notification().Status, Notification().Attempts, Notification().SendingBy));
        Assert.StartsWith("HTTP 429", Notification().LastError, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(30));
        await _notifier.SendAsync(again.Message, "delivery-2", CancellationToken.None);

        Assert.Equal(2, _webex.Requests.Count);
        Assert.Equal((Delivery.Sent, 2, (string?)null), (Notification().Status, Notification().Attempts, Notification().LastError));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("not json")]
    public async Task An_accepted_message_whose_answer_has_no_id_is_sent_and_not_sent_again(string body)
    {
        _store.Overwrite(Meeting());
        _webex.Next(HttpStatusCode.OK, body: body);

        await _notifier.SendAsync(Message(), "delivery-1", CancellationToken.None);
        await _notifier.SendAsync(Message(), "delivery-1", CancellationToken.None);

        Assert.Single(_webex.Requests);
        Assert.Equal((Delivery.Sent, (string?)null, (string?)null), (Notification().Status, Notification().MessageId, Notification().LastError));
        Assert.Empty(_outbox.Messages);
    }

    [Fact]
    public async Task A_refusal_fails_at_once_with_webexs_reason_and_is_not_tried_again()
    {
        _store.Overwrite(Meeting());
        _webex.Next(HttpStatusCode.NotFound, body: """{"message":"Could not find a person with the given email.","trackingId":"x"}""");

        await _notifier.SendAsync(Message(), "delivery-1", CancellationToken.None);

        Assert.Equal(Delivery.Failed, Notification().Status);
        Assert.Equal("HTTP 404: Could not find a person with the given email.", Notification().LastError);
        Assert.Empty(_outbox.Messages);
        Assert.DoesNotContain("bot-token-SECRET", _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_worth_retrying_back_off_until_the_retry_window_is_over()
    {
        _store.Overwrite(Meeting());
        var delays = new List<TimeSpan>();
        var message = Message();
        for (var attempt = 0; attempt < 40 && Notification().Status == Delivery.Pending; attempt++)
        {
            _webex.Next(HttpStatusCode.ServiceUnavailable);
            await _notifier.SendAsync(message, $"delivery-{attempt}", CancellationToken.None);
            if (_outbox.Messages.TryDequeue(out var again))
            {
                delays.Add(again.Delay!.Value);
                _time.Advance(again.Delay.Value);
                message = again.Message;
            }
        }

        Assert.Equal(Delivery.Failed, Notification().Status);
        Assert.Equal([1, 2, 4, 8, 16, 32, 60], delays.Take(7).Select(d => (int)d.TotalSeconds));
        Assert.True(_time.GetUtcNow() - Now <= new NotificationsOptions().RetryWindow);
        Assert.Equal(delays.Count + 1, _webex.Requests.Count);
    }

    [Fact]
    public async Task A_shorter_retry_back_off_setting_shortens_each_wait_alike()
    {
        _options.RetryBackOff = TimeSpan.FromMilliseconds(250);
        _store.Overwrite(Meeting());
        var message = Message();
        var delays = new List<TimeSpan>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            _webex.Next(HttpStatusCode.ServiceUnavailable);
            await _notifier.SendAsync(message, $"delivery-{attempt}", CancellationToken.None);
            var again = Assert.Single(_outbox.Messages);
            _outbox.Messages.Clear();
            delays.Add(again.Delay!.Value);
            message = again.Message;
        }

        Assert.Equal([250, 500, 1000], delays.Select(d => (int)d.TotalMilliseconds));
    }

    [Fact]
    public async Task A_message_for_links_without_a_host_link_fails_without_a_call_to_webex()
    {
        _store.Overwrite(Meeting() with { Links = [] });

        await _notifier.SendAsync(Message(), "delivery-1", CancellationToken.None);

        Assert.Empty(_webex.Requests);
        Assert.Empty(_outbox.Messages);
        Assert.Equal((Delivery.Failed, "These links have no host link to send."), (Notification().Status, Notification().LastError));
    }

    [Fact]
    public async Task A_copy_that_arrives_while_another_delivery_sends_sends_nothing_and_the_first_finishes()
    {
        _store.Overwrite(Meeting());
        var webexAnswers = _webex.Hold();
        var first = _notifier.SendAsync(Message(), "delivery-1", CancellationToken.None);
        await _webex.Reached;

        await _notifier.SendAsync(Message(), "replay-copy", CancellationToken.None);
        Assert.Equal(("delivery-1", 1), (Notification().SendingBy, _webex.Requests.Count));

        webexAnswers.SetResult();
        await first;
        Assert.Single(_webex.Requests);
        Assert.Equal((Delivery.Sent, 1, (string?)null), (Notification().Status, Notification().Attempts, Notification().SendingBy));
        Assert.Empty(_outbox.Messages);
        Assert.Contains("another delivery of it is sending it", _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_message_seen_again_after_its_attempt_vanished_sends_and_says_it_may_repeat()
    {
        _store.Overwrite(Meeting(n => n with { SendingBy = "delivery-1", Attempts = 1 }));

        await _notifier.SendAsync(Message(), "delivery-1", CancellationToken.None);

        Assert.Single(_webex.Requests);
        Assert.Equal((Delivery.Sent, 2), (Notification().Status, Notification().Attempts));
        Assert.Contains("gets there twice", _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_for_an_erased_meeting_sends_nothing()
    {
        await _notifier.SendAsync(Message(), "delivery-1", CancellationToken.None);

        Assert.Empty(_webex.Requests);
        Assert.Contains("the meeting is gone", _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_the_host_gave_up_on_ends_failed_on_the_record()
    {
        _store.Overwrite(Meeting());

        await _notifier.GiveUpAsync(Message(), CancellationToken.None);

        Assert.Equal(Delivery.Failed, Notification().Status);
        Assert.NotNull(Notification().LastError);
    }

    private static NotificationMessage Message() => new(MeetingId, ExpertMessages.KindName, IssuedLink.CreateBatch);

    private Delivery Notification() => Assert.Single(Assert.Single(_store.Meetings).Notifications).Delivery;

    private static MeetingRecord Meeting(Func<Delivery, Delivery>? change = null) => new()
    {
        MeetingId = MeetingId,
        Sub = "sub",
        CreatedAt = Now,
        UpdatedAt = Now,
        Status = MeetingStatus.Created,
        CustomerName = "Jane Doe",
        ValidFrom = Now,
        ExpiresAt = Now.AddDays(1),
        VerticalType = "hc",
        Links = [new IssuedLink(IssuedLink.Host, "https://instant.webex.com/visit/hCode01", "hCode01", Now, Now.AddDays(1), Now, IssuedLink.CreateBatch)],
        Notifications = [ExpertNotification.Queued(IssuedLink.CreateBatch, Expert, Now) is var queued ? queued with { Delivery = (change ?? (d => d))(queued.Delivery) } : null!],
    };

    /// <summary>Webex's messages API: answers from a script, then accepts with ids msg-1, msg-2…</summary>
    private sealed class ScriptedWebex : HttpMessageHandler
    {
        private readonly ConcurrentQueue<Func<HttpResponseMessage>> _script = new();
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource? _held;
        private int _accepted;

        /// <summary>Completes when a request has arrived.</summary>
        public Task Reached => _reached.Task;

        /// <summary>Holds the answers until the returned source is completed.</summary>
        public TaskCompletionSource Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<(string Body, string Authorization)> Requests { get; } = [];

        public void Next(HttpStatusCode status, TimeSpan? retryAfter = null, string body = """{"message":"scripted"}""")
            => _script.Enqueue(() =>
            {
                var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                response.Headers.RetryAfter = retryAfter is { } wait ? new RetryConditionHeaderValue(wait) : null;
                return response;
            });

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((await request.Content!.ReadAsStringAsync(cancellationToken), request.Headers.Authorization?.ToString() ?? ""));
            _reached.TrySetResult();
            if (_held is { } held)
            {
                await held.Task;
            }

            return _script.TryDequeue(out var scripted)
                ? scripted()
                : new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent($$"""{"id":"msg-{{Interlocked.Increment(ref _accepted)}}"}""", Encoding.UTF8, "application/json"),
                };
        }
    }
}
