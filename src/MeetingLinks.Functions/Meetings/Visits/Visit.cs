namespace MeetingLinks.Meetings.Visits;

/// <summary>A visit booked ahead, as a create or a reschedule asks for it: when it starts, how long it lasts, its reminders.</summary>
public sealed record Visit(DateTimeOffset StartsAt, int DurationMinutes, IReadOnlyList<TimeSpan> Reminders)
{
    public const int DefaultDurationMinutes = 30;
    public const int MaxDurationMinutes = 480;
    public const int MaxReminders = 3;

    public static readonly TimeSpan MinReminder = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxReminder = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(366);

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);

    /// <summary>The request named no reminders, so <see cref="Reminders"/> are the setting's at the time.</summary>
    public bool RemindersByDefault { get; init; }

    /// <summary>
    /// When the links are valid: what the request asked for, else from <c>Visits__EarlyJoin</c> before the start (not before now,
    /// then null: from creation) to <c>Visits__LateJoin</c> after the end.
    /// </summary>
    public LinkValidity Window(LinkValidity asked, VisitsOptions options, DateTimeOffset now)
    {
        var opens = StartsAt - options.EarlyJoinSpan;
        return asked with
        {
            From = asked.From ?? (opens > now ? DateTimeOffset.FromUnixTimeSeconds(opens.ToUnixTimeSeconds()) : null),
            Until = asked.Until ?? DateTimeOffset.FromUnixTimeSeconds((EndsAt + options.LateJoinSpan).ToUnixTimeSeconds()),
        };
    }

    /// <summary>The reminders as the record keeps them: planned, or skipped when their time has passed already.</summary>
    public IReadOnlyList<VisitReminder> Plan(DateTimeOffset now)
        => [.. Reminders.Select(before => new VisitReminder(before, StartsAt - before, StartsAt - before > now ? VisitReminder.Planned : VisitReminder.Skipped))];
}

/// <summary>A reminder of a visit: how long before the start, when it is due, and where it stands.</summary>
public sealed record VisitReminder(TimeSpan Before, DateTimeOffset DueAt, string Status)
{
    public const string Planned = "planned";
    public const string Sent = "sent";
    public const string Skipped = "skipped";
    public const string Missed = "missed";
    public const string Dropped = "dropped";

    public static IReadOnlyList<string> Statuses { get; } = [Planned, Sent, Skipped, Missed, Dropped];

    /// <summary>The id its timer carries: <c>PT15M</c>.</summary>
    public string Id => IsoDuration.Format(Before);

    public VisitReminderView View() => new(Id, DueAt, Status);
}

/// <summary>One of the record's <c>reminders</c>, as the API shows it.</summary>
public sealed record VisitReminderView(string Before, DateTimeOffset DueAt, string Status);
