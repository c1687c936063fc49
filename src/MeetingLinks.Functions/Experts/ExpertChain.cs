namespace MeetingLinks.Experts;

/// <summary>
/// The rules of the create's chain of experts, as changes to a record. The card goes to one step at a time. A step ends when
/// its expert declines, when its message fails for good, or when its time passes with nobody joining (a note on its card
/// says to whom it was passed on); the next step then starts at once. The first "joining" on any card takes the visit, and
/// every card still waiting is told by whom. The flow hears nothing while steps remain, one event when the last step ends
/// with nobody joining, and <c>expert.joining</c> whenever someone takes the visit, before or after that.
/// </summary>
public sealed class ExpertChain(FlowEvents flow)
{
    public const string Queued = "queued";
    public const string Waiting = "waiting";
    public const string Joining = "joining";
    public const string Declined = "declined";
    public const string TimedOut = "timedOut";
    public const string Unreachable = "unreachable";
    public const string Taken = "taken";

    /// <summary>What the thread of a card says once its visit was cancelled.</summary>
    public const string CancelledNote = "The visit was cancelled.";

    /// <summary>How a chain ended whose last step ran out of time, as the listing filters it.</summary>
    public const string Unanswered = "unanswered";

    /// <summary>Every outcome a step can have, in the order a step moves through them.</summary>
    public static IReadOnlyList<string> Outcomes { get; } = [Queued, Waiting, Joining, Declined, TimedOut, Unreachable, Taken];

    /// <summary>The steps of a chain to <paramref name="experts"/>, none started: the first starts once the links exist.</summary>
    public static IReadOnlyList<ExpertNotification> Plan(string batch, IReadOnlyList<ExpertTarget> experts, DateTimeOffset now)
        => [.. experts.Select((expert, step) => new ExpertNotification(batch, expert, Delivery.Queued(now), step, Queued))];

    /// <summary>
    /// The record with its chain's first step started, when it has a chain that has not started; for a visit booked ahead,
    /// <paramref name="notice"/> before the start (the step then waits, queued, with that time as its <see cref="ExpertNotification.DueAt"/>).
    /// </summary>
    public static MeetingRecord Begin(MeetingRecord record, DateTimeOffset now, TimeSpan notice = default)
    {
        if (record.Notifications.FirstOrDefault(n => n.Step == 0) is not { Outcome: Queued } first)
        {
            return record;
        }

        if (record.StartsAt - notice is { } begins && begins > now)
        {
            return Change(record, first.Id, s => s with { DueAt = begins });
        }

        return Start(record, first, now);
    }

    /// <summary>
    /// The time of step <paramref name="id"/> has come (its timer was due at <paramref name="dueBy"/>): a visit's first step waiting
    /// for its time starts; a step waiting for an answer is passed on. Null when the step is no longer where the timer found it.
    /// </summary>
    public MeetingRecord? Due(MeetingRecord record, string id, DateTimeOffset now, DateTimeOffset? dueBy)
    {
        if (record.Notifications.FirstOrDefault(n => n.Id == id) is { Outcome: Queued, DueAt: { } begins } first && begins <= dueBy
            && !HasJoined(record) && !record.IsCancelled)
        {
            return Start(record, first, now);
        }

        return PassOn(record, id, TimedOut, now, dueBy);
    }

    /// <summary>
    /// The record after <paramref name="by"/> pressed an answer on <paramref name="card"/> (Webex action <paramref name="actionId"/>,
    /// in space <paramref name="roomId"/>), with a reply in the card's thread; null when the record holds that action already.
    /// <c>Changed</c> is whether the answer counted.
    /// </summary>
    public (MeetingRecord? Next, bool Changed) Answer(MeetingRecord record, ExpertNotification card, ExpertResponse by, string actionId, string roomId)
    {
        if (record.Replies.Any(r => r.ActionId == actionId))
        {
            return (null, false); // Webex sent this call before
        }

        var counted = record.IsCancelled ? null
            : by.Answer == ExpertResponse.Joining ? Join(record, card, by, actionId)
            : Decline(record, card, by, actionId);
        var reply = ReplyTo(record, counted, card, by);
        var next = (counted ?? record) with
        {
            Replies = [.. (counted ?? record).Replies, new ExpertReply(actionId, roomId, by.MessageId, reply, Delivery.Queued(by.At))],
        };
        return (next, counted is not null);
    }

    /// <summary>
    /// Step <paramref name="id"/> ends as <paramref name="outcome"/> (<see cref="TimedOut"/>, <see cref="Unreachable"/> or
    /// <see cref="Declined"/>) when it is the step waiting, nobody has joined and, for a timer, its time has come
    /// (<paramref name="dueBy"/>): the next step starts, or after the last the flow hears how the chain ended. Null when that
    /// changes nothing.
    /// </summary>
    public MeetingRecord? PassOn(MeetingRecord record, string id, string outcome, DateTimeOffset now, DateTimeOffset? dueBy = null, ExpertResponse? declinedBy = null)
    {
        if (record.Notifications.FirstOrDefault(n => n.Id == id) is not { Outcome: Waiting } step
            || HasJoined(record) || record.IsCancelled || (dueBy is { } due && step.DueAt > due))
        {
            return null;
        }

        var following = record.Notifications.FirstOrDefault(n => n.Batch == step.Batch && n.Step == step.Step + 1);
        var ended = Change(record, id, s => End(s, outcome, now));
        if (outcome == TimedOut)
        {
            var whom = following is null ? $"no other expert is left.{Told()}" : $"the visit was passed on to {following.Target.Masked}.";
            ended = Note(ended, step, "passed", $"Nobody joined within {Wait(record)}: {whom}", now);
        }

        if (following is not null)
        {
            return Start(ended, following, now);
        }

        var flowEvent = outcome switch
        {
            Declined => FlowEvent.Declined,
            TimedOut => FlowEvent.Unanswered,
            _ => FlowEvent.Unreachable,
        };
        return flow.Add(ended with { ExpertResponse = declinedBy ?? ended.ExpertResponse }, $"chain-{step.Batch}", flowEvent, now);
    }

    /// <summary>How a chain that has ended with nobody joining ended, for the listing; null while it runs, or without one.</summary>
    public static string? EndedWithoutAnswer(MeetingRecord record)
    {
        var steps = record.Notifications.Where(n => n.Step is not null).ToList();
        if (steps.Count == 0 || steps.Any(s => s.Outcome is Queued or Waiting))
        {
            return null;
        }

        return steps[^1].Outcome switch
        {
            TimedOut => Unanswered,
            Unreachable => Unreachable,
            _ => null,
        };
    }

    /// <summary>
    /// The experts' side of a visit moved to <see cref="MeetingRecord.StartsAt"/>: a chain that has not begun begins
    /// <paramref name="notice"/> before the new start (or now), and every card sent gets a note in its thread with the new
    /// start and the new host link (<paramref name="hostUrl"/>), as the old one may not cover the new time.
    /// </summary>
    public static MeetingRecord Moved(MeetingRecord record, string batch, string? hostUrl, DateTimeOffset now, TimeSpan notice)
    {
        var next = record.Notifications.FirstOrDefault(n => n.Step == 0) is { Outcome: Queued } first
            ? Begin(Change(record, first.Id, s => s with { DueAt = null }), now, notice)
            : record;
        var when = record.StartsAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var note = hostUrl is null ? $"The visit moved to {when}." : $"The visit moved to {when}. Your new host link: {hostUrl}";
        foreach (var card in record.Notifications)
        {
            next = Note(next, card, $"moved-{batch}", note, now);
        }

        return next;
    }

    /// <summary>
    /// The experts' side of a cancelled visit: no step starts or passes on any more (their timers find no time on them), a card
    /// not sent yet is not sent, and every card sent gets a note in its thread.
    /// </summary>
    public static MeetingRecord Cancel(MeetingRecord record, DateTimeOffset now)
    {
        var next = record;
        foreach (var card in record.Notifications)
        {
            next = Change(next, card.Id, c => c with
            {
                DueAt = null,
                Delivery = c.Delivery is { IsPending: true, SendingBy: null } ? c.Delivery with { Status = Delivery.Failed, LastError = "Not sent: the visit was cancelled." } : c.Delivery,
            });
            next = Note(next, card, "cancelled", CancelledNote, now);
        }

        return next;
    }

    /// <summary>A "joining" takes the visit unless someone has: every other card still waiting is told, and the flow hears it.</summary>
    private MeetingRecord? Join(MeetingRecord record, ExpertNotification card, ExpertResponse by, string actionId)
    {
        if (HasJoined(record))
        {
            return null;
        }

        var next = record with { ExpertResponse = by };
        foreach (var waiting in record.Notifications.Where(n => n.Outcome == Waiting && n.Id != card.Id))
        {
            next = Change(next, waiting.Id, s => End(s, Taken, by.At));
            next = Note(next, waiting, "taken", $"The visit was taken: **{ExpertMessage.Escape(Name(by))}** is joining.", by.At);
        }

        if (card.Step is not null)
        {
            next = Change(next, card.Id, s => End(s, Joining, by.At));
        }

        return flow.Add(next, actionId, FlowEvent.Joining, by.At);
    }

    /// <summary>
    /// A "declined" counts on the step waiting (it passes the visit on) or, for a meeting without a chain, while nobody has
    /// answered; on any other card it changes nothing.
    /// </summary>
    private MeetingRecord? Decline(MeetingRecord record, ExpertNotification card, ExpertResponse by, string actionId)
    {
        if (card.Step is not null)
        {
            return PassOn(record, card.Id, Declined, by.At, declinedBy: by);
        }

        return record.ExpertResponse is null && !record.Notifications.Any(n => n.Step is not null)
            ? flow.Add(record with { ExpertResponse = by }, actionId, FlowEvent.Declined, by.At)
            : null;
    }

    /// <summary>What the thread under the card says, so that in a team space everyone sees who answered and what follows.</summary>
    private string ReplyTo(MeetingRecord before, MeetingRecord? counted, ExpertNotification card, ExpertResponse by)
    {
        var who = $"**{ExpertMessage.Escape(Name(by))}**";
        if (before.IsCancelled)
        {
            return CancelledNote;
        }

        if (counted is null)
        {
            if (before.ExpertResponse is { Answer: ExpertResponse.Joining } joined)
            {
                return $"Already answered: **{ExpertMessage.Escape(Name(joined))}** is joining.";
            }

            return card.Step is not null ? $"{who} can't take it; the visit had been passed on already." : $"{who} can't take it.";
        }

        if (by.Answer == ExpertResponse.Joining)
        {
            return $"{who} is joining.{Told()}";
        }

        var now = counted.Notifications.FirstOrDefault(n => n.Outcome == Waiting && !before.Notifications.Any(b => b.Id == n.Id && b.Outcome == Waiting));
        return now is not null ? $"{who} can't take it. The visit is passed on to {now.Target.Masked}." : $"{who} can't take it.{Told()}";
    }

    /// <summary>Starts <paramref name="step"/>: its card is to be sent now, and it is passed on when its time has passed.</summary>
    private static MeetingRecord Start(MeetingRecord record, ExpertNotification step, DateTimeOffset now)
        => Change(record, step.Id, s => s with { Outcome = Waiting, Delivery = Delivery.Queued(now), DueAt = now + (record.ExpertWait ?? TimeSpan.Zero) });

    /// <summary>
    /// The step as it ends (a passed-on step that joins later keeps when it was passed on). A card still waiting to be sent,
    /// and not being sent, is not sent any more: it would reach an expert whose turn is over.
    /// </summary>
    private static ExpertNotification End(ExpertNotification step, string outcome, DateTimeOffset now)
    {
        var unsent = step.Delivery is { IsPending: true, SendingBy: null };
        return step with
        {
            Outcome = outcome,
            DueAt = null,
            EndedAt = step.EndedAt ?? now,
            Delivery = unsent ? step.Delivery with { Status = Delivery.Failed, LastError = "Not sent: the step ended before Webex took the card." } : step.Delivery,
        };
    }

    /// <summary>A note in the thread of <paramref name="card"/>, once, when its message was sent (there is no thread otherwise).</summary>
    private static MeetingRecord Note(MeetingRecord record, ExpertNotification card, string what, string markdown, DateTimeOffset now)
    {
        var id = $"{what}-{card.Id}";
        if (card.Delivery.MessageId is not { } parent || record.Replies.Any(r => r.ActionId == id))
        {
            return record;
        }

        return record with { Replies = [.. record.Replies, new ExpertReply(id, card.Delivery.RoomId, parent, markdown, Delivery.Queued(now), card.Target)] };
    }

    private static MeetingRecord Change(MeetingRecord record, string id, Func<ExpertNotification, ExpertNotification> change)
        => record with { Notifications = [.. record.Notifications.Select(n => n.Id == id ? change(n) : n)] };

    private static bool HasJoined(MeetingRecord record) => record.ExpertResponse?.Answer == ExpertResponse.Joining;

    private static string Name(ExpertResponse response) => response.PersonName ?? "An expert";

    private static string Wait(MeetingRecord record) => record.ExpertWait is { } wait ? ForPeople(wait) : "the time given";

    private string Told() => flow.Enabled ? " The customer is told." : "";

    /// <summary><c>2 min</c>, <c>90 min</c>, <c>45 s</c>: a wait as a person reads it.</summary>
    private static string ForPeople(TimeSpan wait) => wait.TotalSeconds % 60 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{wait.TotalMinutes:0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{wait.TotalSeconds:0} s");
}
