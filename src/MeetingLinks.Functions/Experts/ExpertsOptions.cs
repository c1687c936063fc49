namespace MeetingLinks.Experts;

/// <summary>The chain of experts (<c>Experts__*</c>).</summary>
public sealed class ExpertsOptions
{
    public const string Section = "Experts";

    /// <summary>How long each expert of a chain has when the create names no <c>answerWithin</c>.</summary>
    /// <remarks>A request may ask for <c>PT15S</c> to <c>PT1H</c>; the setting may be shorter, for rehearsals and tests.</remarks>
    [IsoDuration("PT1S", "PT1H", "Experts__AnswerWithin")]
    public string AnswerWithin { get; set; } = "PT2M";

    public TimeSpan DefaultAnswerWithin => IsoDuration.TryParse(AnswerWithin, out var duration) ? duration : TimeSpan.FromMinutes(2);
}
