namespace MeetingLinks.Validation;

/// <summary>Messages per field, keyed by the field's JSON path, collected while a request is checked.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    /// <summary>True while every error added was marked as the phone number's: the flow then gets <c>invalid_phone</c>.</summary>
    public bool OnlyPhone { get; private set; } = true;

    public void Add(string field, string message, bool isPhone = false)
    {
        OnlyPhone &= isPhone;
        _errors.TryAdd(field, []);
        _errors[field].Add(message);
    }

    /// <summary>Trimmed text; null when blank, and (with an error) when too long or unsafe by <see cref="TextInput"/>.</summary>
    public string? Text(string field, string? value, int maxLength, bool allowLineBreaks = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var wrong = trimmed.Length > maxLength ? $"must be at most {maxLength} characters."
            : TextInput.HasUnsafe(trimmed, allowLineBreaks) ? TextInput.UnsafeMessage
            : null;
        if (wrong is not null)
        {
            Add(field, wrong);
        }

        return wrong is null ? trimmed : null;
    }

    /// <summary>
    /// A name as <see cref="Text"/>, but invisible formatting characters are taken out, not refused: callers pass on
    /// customers' profiles, and a joiner in a name is no reason to give a customer no meeting.
    /// </summary>
    public string? Name(string field, string? value, int maxLength)
        => Text(field, value is null ? null : TextInput.WithoutInvisibleFormat(value), maxLength);

    /// <summary>A phone number as people or WhatsApp write it, as E.164; null when absent, or (with an error) invalid.</summary>
    public string? Phone(string field, string? value)
    {
        if (Text(field, value, 40) is not { } raw)
        {
            return null;
        }

        if (Meetings.PhoneNumberNormalizer.TryNormalize(raw, out var e164))
        {
            return e164;
        }

        Add(field, "is not a phone number; send it in international form, with or without '+' (e.g. +15551234567).", isPhone: true);
        return null;
    }

    /// <summary>The value <paramref name="complete"/> makes when nothing was wrong; otherwise every error as one failure.</summary>
    public Outcome<T> Or<T>(string code, Func<T> complete)
        where T : notnull
        => Count == 0
            ? complete()
            : Failure.Invalid(code, _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
