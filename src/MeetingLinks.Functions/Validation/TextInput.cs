namespace MeetingLinks.Validation;

/// <summary>
/// Free text people read on the ops page or in the CSV holds no control characters, and no invisible or direction-changing
/// ones that make a record read as something it is not. Callers' input is refused; third parties' text is neutralised.
/// </summary>
public static class TextInput
{
    public const string UnsafeMessage = "must not contain control characters or invisible formatting characters.";

    public static bool IsUnsafe(char c) => char.IsControl(c) || IsInvisibleFormat(c);

    /// <summary>True for text that breaks the rule; line breaks and tabs pass when <paramref name="allowLineBreaks"/>.</summary>
    public static bool HasUnsafe(string text, bool allowLineBreaks = false)
        => text.Any(c => IsUnsafe(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'));

    /// <summary>Unsafe characters dropped (line breaks and tabs become spaces), trimmed, cut; null if nothing is left.</summary>
    public static string? Neutralise(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var kept = text.Where(c => !IsUnsafe(c) || c is '\r' or '\n' or '\t');
        var result = new string([.. kept.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        if (result.Length > maxLength)
        {
            // Never cut a surrogate pair in half.
            var cut = char.IsHighSurrogate(result[maxLength - 1]) ? maxLength - 1 : maxLength;
            result = result[..cut].TrimEnd();
        }

        return result.Length == 0 ? null : result;
    }

    /// <summary>
    /// Without invisible formatting characters (control characters stay, for the caller to judge). A name loses only
    /// joiners that change no letter: emoji sequences fall apart into their emoji, Persian or Indic words join as without.
    /// </summary>
    public static string WithoutInvisibleFormat(string text)
        => text.Any(IsInvisibleFormat) ? string.Concat(text.Where(c => !IsInvisibleFormat(c))) : text;

    // U+061C Arabic letter mark, U+200B–U+200F zero-width and directional marks, U+202A–U+202E
    // embeddings and overrides, U+2060–U+2069 word joiner, invisible operators and isolates, U+FEFF.
    private static bool IsInvisibleFormat(char c) =>
        c is '\u061C' or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u2069') or '\uFEFF';
}
