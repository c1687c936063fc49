namespace MeetingLinks.Validation;

/// <summary>
/// ISO 8601 durations as flows and settings write them (<c>PT2M</c>, <c>PT15S</c>, <c>P1DT12H</c>, <c>P2W</c>). Years and
/// months are refused: their length depends on the calendar, and a wait must mean one span of time.
/// </summary>
public static partial class IsoDuration
{
    public const string Expected = "an ISO 8601 duration such as PT2M, PT15S or P1DT12H";

    /// <summary>The span, or false when <paramref name="text"/> is not a duration in weeks, days, hours, minutes and seconds.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var match = Shape().Match(text?.Trim() ?? string.Empty);
        if (!match.Success || match.Groups.Values.Skip(1).All(g => !g.Success))
        {
            return false;
        }

        duration = TimeSpan.FromDays((7 * Part(match, "w")) + Part(match, "d"))
            + TimeSpan.FromHours(Part(match, "h")) + TimeSpan.FromMinutes(Part(match, "m")) + TimeSpan.FromSeconds(Part(match, "s"));
        return true;
    }

    /// <summary>The ISO 8601 form of <paramref name="duration"/>: <c>PT2M</c>.</summary>
    public static string Format(TimeSpan duration) => System.Xml.XmlConvert.ToString(duration);

    /// <summary>The duration in <paramref name="text"/>, when it lies within <paramref name="min"/>..<paramref name="max"/>; else an error for <paramref name="field"/>.</summary>
    public static TimeSpan? Within(ValidationErrors errors, string field, string? text, TimeSpan min, TimeSpan max)
    {
        if (text is null)
        {
            return null;
        }

        if (TryParse(text, out var duration) && duration >= min && duration <= max)
        {
            return duration;
        }

        errors.Add(field, $"must be {Expected}, from {Format(min)} to {Format(max)}.");
        return null;
    }

    private static double Part(Match match, string name)
        => match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^P(?:(?<w>\d{1,4})W)?(?:(?<d>\d{1,5})D)?(?:T(?=\d)(?:(?<h>\d{1,6})H)?(?:(?<m>\d{1,7})M)?(?:(?<s>\d{1,9}(?:\.\d{1,7})?)S)?)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Shape();
}

/// <summary>A setting that holds an ISO 8601 duration within bounds; the message names the setting in full.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IsoDurationAttribute(string min, string max, string setting) : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
        => IsoDuration.TryParse(value as string, out var duration)
            && IsoDuration.TryParse(min, out var low) && IsoDuration.TryParse(max, out var high)
            && duration >= low && duration <= high
                ? ValidationResult.Success
                : new ValidationResult($"{setting} must be {IsoDuration.Expected}, from {min} to {max}.");
}
