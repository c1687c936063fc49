using PhoneNumbers;

namespace MeetingLinks.Meetings;

/// <summary>
/// Turns a customer number as Webex Connect sends it (<c>+15551234567</c>, or a WhatsApp <c>waId</c> without the plus) into E.164.
/// Numbers are always read as international: a flow has no reliable home region.
/// </summary>
public static class PhoneNumberNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    // Separators people and systems use; anything else (letters, another '+') is rejected.
    private static readonly SearchValues<char> DigitsAndSeparators = SearchValues.Create("0123456789 -.()");

    public static bool TryNormalize(string? input, out string e164)
    {
        e164 = string.Empty;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return false;
        }

        var text = input.Trim();
        text = text.StartsWith("00", StringComparison.Ordinal) ? "+" + text[2..] : text.StartsWith('+') ? text : "+" + text;

        if (text.AsSpan(1).ContainsAnyExcept(DigitsAndSeparators))
        {
            return false;
        }

        try
        {
            var number = Util.Parse(text, null);
            // "Possible" is a length check per country: it accepts every real number, including fictional 555 numbers used in tests,
            // and rejects what cannot be a phone number.
            if (!Util.IsPossibleNumber(number))
            {
                return false;
            }

            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>The form phone numbers take in logs: country code and last two digits.</summary>
    public static string Mask(string? e164) => e164 switch
    {
        null or "" => "(none)",
        { Length: < 6 } => "***",
        _ => string.Concat(e164.AsSpan(0, 3), new string('*', e164.Length - 5), e164.AsSpan(e164.Length - 2)),
    };
}
