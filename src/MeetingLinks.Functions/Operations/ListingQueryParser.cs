namespace MeetingLinks.Operations;

/// <summary>
/// Reads the listing's query string: a day or a range of days, exact-match filters and paging. With a phone number the range may
/// cover the whole retention period (and does by default): that listing reads only the number's meetings.
/// </summary>
public sealed class ListingQueryParser(TimeProvider time, IOptions<MeetingsOptions> options)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public const int DefaultDays = 7;
    public const int MaxDays = 92;

    private static readonly string[] Known =
        ["day", "from", "to", "startsOn", "phone", "reference", "status", "expertNotification", "expertResponse", "pageSize", "continuationToken"];

    public Outcome<ListingQuery> Parse(IQueryCollection query, bool paged)
    {
        var errors = new ValidationErrors();

        RejectUnknown(query, Known, errors);

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var day = Day(query, "day", errors);
        var from = Day(query, "from", errors);
        var to = Day(query, "to", errors);
        if (day is not null && (from is not null || to is not null))
        {
            errors.Add("day", "use either day or from/to, not both.");
        }

        var phone = errors.Phone("phone", Text(query, "phone"));
        var (defaultDays, maxDays) = phone is null ? (DefaultDays, MaxDays) : (options.Value.RetentionDays + 1, Math.Max(MaxDays, options.Value.RetentionDays + 1));
        var (first, last) = day is { } d ? (d, d) : (from ?? (to ?? today).AddDays(1 - defaultDays), to ?? today);
        if (first > last)
        {
            errors.Add("from", "must not be after to.");
        }
        else if (last.DayNumber - first.DayNumber + 1 > maxDays)
        {
            errors.Add("from", $"the range may span at most {maxDays} days.");
        }

        var reference = errors.Text("reference", Text(query, "reference"), 100);
        var status = OneOf(query, "status", MeetingStatus.All, errors);

        var pageSize = DefaultPageSize;
        if (paged && Text(query, "pageSize") is { } rawSize
            && (!int.TryParse(rawSize, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            errors.Add("pageSize", $"must be a whole number from 1 to {MaxPageSize}.");
        }

        var notification = OneOf(query, "expertNotification", Notifications.Delivery.Statuses, errors);

        // The expert's answer, or "none" for meetings whose expert has not answered.
        var response = OneOf(query, "expertResponse", MeetingFilter.ExpertAnswers, errors);

        // The visits that start on a day, whenever they were booked: the day range does not apply.
        var startsOn = Day(query, "startsOn", errors);
        if (startsOn is not null && (day is not null || from is not null || to is not null))
        {
            errors.Add("startsOn", "lists the visits that start on a day, whenever they were booked: leave out day, from and to.");
        }

        var filter = new MeetingFilter(phone, reference, status, notification, response, startsOn);
        ListingCursor? cursor = null;
        if (paged && Text(query, "continuationToken") is { } token
            && !ListingCursor.TryRead(token, first, last, filter, out cursor))
        {
            errors.Add("continuationToken", "is not a token from this listing; start again without it.");
        }

        return errors.Or(ProblemCodes.InvalidQuery, () => new ListingQuery(first, last, filter, pageSize, cursor));
    }

    /// <summary>An error for each parameter not in <paramref name="known"/>.</summary>
    internal static void RejectUnknown(IQueryCollection query, string[] known, ValidationErrors errors)
    {
        foreach (var unknown in query.Keys.Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add(unknown, $"is not a known parameter; use {string.Join(", ", known)}.");
        }
    }

    private static string? Text(IQueryCollection query, string name)
        => query.TryGetValue(name, out var values) && values.ToString().Trim() is { Length: > 0 } value ? value : null;

    /// <summary>The parameter in lower case; an error unless it is one of <paramref name="allowed"/>.</summary>
    private static string? OneOf(IQueryCollection query, string name, IReadOnlyList<string> allowed, ValidationErrors errors)
    {
        var value = Text(query, name)?.ToLowerInvariant();
        if (value is not null && !allowed.Contains(value))
        {
            errors.Add(name, $"must be one of {string.Join(", ", allowed)}.");
        }

        return value;
    }

    /// <summary>The parameter as a UTC day; an error (and null) unless it is one.</summary>
    internal static DateOnly? Day(IQueryCollection query, string name, ValidationErrors errors)
    {
        var text = Text(query, name);
        var valid = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
        if (text is not null && !valid)
        {
            errors.Add(name, "must be a UTC day as YYYY-MM-DD.");
        }

        return valid ? day : null;
    }
}
