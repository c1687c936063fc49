using MeetingLinks.Meetings.Links;

namespace MeetingLinks.Meetings.Create;

/// <summary>Digests that let idempotency compare requests and store keys without keeping either.</summary>
public static class RequestFingerprint
{
    /// <summary>
    /// The request's parameters, without the key, written field by field in a fixed form of their own: a change to the API's JSON options
    /// or to <see cref="ValidatedCreate"/> must not turn every live key into a conflict. A test pins the form of the stored fingerprints.
    /// </summary>
    public static string Of(ValidatedCreate request) => Digest(json =>
    {
        json.WriteNull("idempotencyKey");
        json.WriteString("phone", request.Phone);
        json.WriteString("customerName", request.CustomerName);
        json.WriteString("channel", request.Channel);
        json.WriteString("reference", request.Reference);
        json.WriteString("subject", request.Subject);
        WriteLinks(json, request.Hosts, request.Guests, request.Validity, request.VerticalType, request.LoginUrlForHost);
        json.WriteStartArray("devices");
        foreach (var device in request.Devices)
        {
            json.WriteStringValue(device);
        }

        json.WriteEndArray();
        WriteChain(json, request.Experts, request.AnswerWithin);
        WriteVisit(json, request.Visit);
    });

    /// <summary>An add-links request's parameters, without the key, in a fixed form of their own.</summary>
    public static string Of(ValidatedAddLinks request) => Digest(json =>
    {
        WriteLinks(json, request.Hosts, request.Guests, request.Validity, request.VerticalType, request.LoginUrlForHost);
        WriteExpert(json, request.Expert);
    });

    /// <summary>A reschedule's parameters, without the key, in a fixed form of their own.</summary>
    public static string Of(Visits.ValidatedReschedule request) => Digest(json => WriteVisit(json, request.Visit));

    public static string OfKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Add-links keys count per meeting: the same key on two meetings is two keys.</summary>
    public static string OfLinksKey(string meetingId, string key) => OfKey($"links\n{meetingId}\n{key}");

    private static string Digest(Action<Utf8JsonWriter> writeFields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            writeFields(json);
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteLinks(Utf8JsonWriter json, int hosts, int guests, LinkValidity validity, string verticalType, bool loginUrlForHost)
    {
        json.WriteNumber("hosts", hosts);
        json.WriteNumber("guests", guests);
        WriteTime(json, "validFrom", validity.From);
        WriteTime(json, "expiresAt", validity.Until);
        json.WriteString("verticalType", verticalType);
        json.WriteBoolean("loginUrlForHost", loginUrlForHost);
    }

    /// <summary>Written only when there is one, so requests without an expert keep the fingerprints stored before experts existed.</summary>
    private static void WriteExpert(Utf8JsonWriter json, Experts.ExpertTarget? expert)
    {
        if (expert is not null)
        {
            json.WriteString("expert", $"{expert.Kind}:{expert.Address}");
        }
    }

    /// <summary>
    /// A chain of one is written as one expert was before chains existed, so those fingerprints stay as they were; a longer
    /// chain as the list, and the wait only when the request gave one.
    /// </summary>
    private static void WriteChain(Utf8JsonWriter json, IReadOnlyList<Experts.ExpertTarget> experts, TimeSpan? answerWithin)
    {
        if (experts.Count == 1)
        {
            WriteExpert(json, experts[0]);
        }
        else if (experts.Count > 1)
        {
            json.WriteStartArray("experts");
            foreach (var expert in experts)
            {
                json.WriteStringValue($"{expert.Kind}:{expert.Address}");
            }

            json.WriteEndArray();
        }

        if (answerWithin is { } wait)
        {
            json.WriteNumber("answerWithinSeconds", (long)wait.TotalSeconds);
        }
    }

    /// <summary>
    /// Written only for a visit booked ahead, so requests for a meeting that starts now keep their fingerprints. Reminders the request
    /// left to the setting are written as not named: a retry after the setting changed is the same request.
    /// </summary>
    private static void WriteVisit(Utf8JsonWriter json, Visits.Visit? visit)
    {
        if (visit is null)
        {
            return;
        }

        WriteTime(json, "startsAt", visit.StartsAt);
        json.WriteNumber("durationMinutes", visit.DurationMinutes);
        if (visit.RemindersByDefault)
        {
            json.WriteNull("reminders");
            return;
        }

        json.WriteStartArray("reminders");
        foreach (var before in visit.Reminders)
        {
            json.WriteNumberValue((long)before.TotalSeconds);
        }

        json.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? value)
        => json.WriteString(name, value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
