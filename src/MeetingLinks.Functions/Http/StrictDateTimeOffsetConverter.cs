using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetingLinks.Http;

/// <summary>
/// ISO 8601 dates with an explicit offset only: "2026-11-25T10:00:00" would otherwise be read in
/// the server's time zone, which is never what the caller meant. Written back in UTC.
/// </summary>
public sealed class StrictDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a date string.");
        }

        var text = reader.GetString()!;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z')
            || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');
        if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            || !text.Contains('T', StringComparison.OrdinalIgnoreCase))
        {
            throw new JsonException("Expected an ISO 8601 date and time with an offset.");
        }

        return value.ToUniversalTime();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
