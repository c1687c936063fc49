namespace MeetingLinks.Meetings.Visits;

/// <summary>Visits booked ahead (<c>Visits__*</c>): their reminders, when their links open and close, when the expert is asked.</summary>
public sealed class VisitsOptions : IValidatableObject
{
    public const string Section = "Visits";

    /// <summary>Reminders before the start when a booking names none: ISO 8601 durations, <c>;</c>-separated, at most 3.</summary>
    public string Reminders { get; set; } = "PT15M";

    [IsoDuration("PT0S", "P1D", "Visits__EarlyJoin")]
    public string EarlyJoin { get; set; } = "PT15M";

    [IsoDuration("PT0S", "P1D", "Visits__LateJoin")]
    public string LateJoin { get; set; } = "PT1H";

    [IsoDuration("PT0S", "P1D", "Visits__ExpertNotice")]
    public string ExpertNotice { get; set; } = "PT15M";

    [IsoDuration("PT0S", "PT1H", "Visits__ReminderGrace")]
    public string ReminderGrace { get; set; } = "PT5M";

    /// <summary>How long before the start the links open.</summary>
    public TimeSpan EarlyJoinSpan => Parse(EarlyJoin);

    /// <summary>How long after the end the links stay open.</summary>
    public TimeSpan LateJoinSpan => Parse(LateJoin);

    /// <summary>How long before the start the chain of experts begins.</summary>
    public TimeSpan ExpertNoticeSpan => Parse(ExpertNotice);

    /// <summary>How late a reminder may still be sent; later, it is recorded as missed.</summary>
    public TimeSpan ReminderGraceSpan => Parse(ReminderGrace);

    public IReadOnlyList<TimeSpan> DefaultReminders
        => [.. Reminders.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var parts = Reminders.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var valid = parts.Length <= Visit.MaxReminders
            && parts.All(p => IsoDuration.TryParse(p, out var before) && before >= Visit.MinReminder && before <= Visit.MaxReminder);
        if (!valid)
        {
            yield return new ValidationResult(
                $"Visits__Reminders must be at most {Visit.MaxReminders} ISO 8601 durations from PT1M to P30D, separated by ';' (or empty).");
        }
    }

    private static TimeSpan Parse(string text) => IsoDuration.TryParse(text, out var duration) ? duration : TimeSpan.Zero;
}
