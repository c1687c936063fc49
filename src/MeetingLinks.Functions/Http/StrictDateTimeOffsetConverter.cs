namespace MeetingLinks.Http;

/// <summary>Reads JSON dates by <see cref="DateWithOffset"/>'s rule; writes them back in UTC.</summary>
public sealed class StrictDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String && DateWithOffset.TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonException($"Expected {DateWithOffset.Expected}.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
