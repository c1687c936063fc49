namespace MeetingLinks.Experts;

/// <summary>
/// What the expert reads: the new host link(s), the reference, subject, customer name, channel and the validity in
/// UTC, never the customer's full number. Markdown with a plain-text fallback and an adaptive card with a "Join as
/// host" button and two answers, "I'm joining" and "I can't take it", which come back through Webex's webhook. A
/// customer name must not add markdown or card content: in the markdown every value from a request is escaped; on the
/// card it is the text of a TextRun, which no renderer parses as markdown, so it is shown as sent. (Backslash escapes
/// on the card would be honoured by Microsoft's renderer but printed literally by others.)
/// </summary>
public sealed partial record ExpertMessage(string Markdown, string Text, JsonObject Card)
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    public const string JoiningTitle = "I'm joining";
    public const string DeclinedTitle = "I can't take it";

    private const string Time = "yyyy-MM-dd HH:mm 'UTC'";

    // Webex shows at most five actions on a card: the two answers and up to three host links (all are in the text).
    private const int MaxLinkActions = 3;

    /// <summary>
    /// The message for the host links of <paramref name="batch"/>; null when that batch has none. A visit booked ahead says when it
    /// starts, and how long from <paramref name="now"/>.
    /// </summary>
    public static ExpertMessage? For(MeetingRecord record, string batch, DateTimeOffset? now = null)
    {
        var hosts = record.Links.Where(l => l.Batch == batch && l.Kind == IssuedLink.Host).ToList();
        if (hosts.Count == 0)
        {
            return null;
        }

        var title = record.Reference is { } reference ? $"Video meeting {reference}" : "Video meeting";
        var maskedPhone = record.CustomerPhone is null ? null : PhoneNumberNormalizer.Mask(record.CustomerPhone);
        var customer = string.Join(", ", new[] { record.CustomerName, maskedPhone, record.Channel }.Where(v => !string.IsNullOrEmpty(v)));
        var valid = $"from {hosts[0].ValidFrom.UtcDateTime.ToString(Time, CultureInfo.InvariantCulture)} to {hosts[0].ExpiresAt.UtcDateTime.ToString(Time, CultureInfo.InvariantCulture)}";
        // Values that came in a request are escaped in the markdown; the service's own (times, the meeting id) need not be.
        (string Name, string? Value, bool FromRequest)[] lines =
        [
            ("Subject", record.Subject, true), ("Customer", customer.Length > 0 ? customer : null, true),
            ("Starts", Starts(record.StartsAt, now), false), ("Valid", valid, false), ("Meeting", record.MeetingId, false),
        ];
        var facts = lines.Where(f => f.Value is not null).Select(f => new Fact(f.Name, f.Value!, f.FromRequest ? Escape(f.Value!) : f.Value!)).ToList();
        var labels = hosts.Select((_, i) => hosts.Count == 1 ? "Join as host" : $"Join as host ({i + 1})").ToList();
        var answer = $"Say whether you take it with the buttons on the card: \"{JoiningTitle}\" or \"{DeclinedTitle}\".";

        var markdown = $"**{Escape(title)}**\n\n" + string.Concat(facts.Select(f => $"{f.Name}: {f.Shown}  \n"))
            + string.Concat(hosts.Select((h, i) => $"\n[{labels[i]}]({h.Url})")) + $"\n\n{Escape(answer)}";
        var text = $"{title}\n" + string.Concat(facts.Select(f => $"{f.Name}: {f.Value}\n"))
            + string.Concat(hosts.Select((h, i) => $"{labels[i]}: {h.Url}\n")) + $"{answer}\n";
        return new ExpertMessage(markdown, text, BuildCard(title, facts, hosts.Zip(labels).Take(MaxLinkActions), record.MeetingId));
    }

    /// <summary><c>2026-12-08 10:00 UTC (in 1 h 5 min)</c>; null for a meeting that starts now.</summary>
    private static string? Starts(DateTimeOffset? startsAt, DateTimeOffset? now)
    {
        if (startsAt is not { } start)
        {
            return null;
        }

        var at = start.UtcDateTime.ToString(Time, CultureInfo.InvariantCulture);
        if (now is not { } from || start <= from)
        {
            return at;
        }

        var left = start - from;
        var hours = (int)left.TotalHours;
        return hours > 0 ? $"{at} (in {hours} h {left.Minutes} min)" : $"{at} (in {Math.Max(1, (int)Math.Round(left.TotalMinutes))} min)";
    }

    /// <summary>Markdown and HTML characters in a value are escaped: Webex renders both in a message's markdown.</summary>
    public static string Escape(string value) => MarkdownCharacter().Replace(value, @"\$0")
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject BuildCard(string title, List<Fact> facts, IEnumerable<(IssuedLink Link, string Label)> links, string meetingId)
    {
        // Title and facts are RichTextBlocks of TextRuns, never TextBlocks or a FactSet, whose text renderers may read as markdown.
        var body = new JsonArray(RichText(Run(title, bold: true, size: "Medium")));
        foreach (var fact in facts)
        {
            body.Add(RichText(Run($"{fact.Name}: ", bold: true), Run(fact.Value)));
        }

        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.3",
            ["body"] = body,
            ["actions"] = new JsonArray(
            [
                .. links.Select(l => (JsonNode)new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = l.Label, ["url"] = l.Link.Url }),
                Answer(JoiningTitle, meetingId, ExpertResponse.Joining),
                Answer(DeclinedTitle, meetingId, ExpertResponse.Declined),
            ]),
        };
    }

    /// <summary>A block of text runs (Adaptive Cards 1.3); it wraps.</summary>
    private static JsonObject RichText(params JsonObject[] runs) => new()
    {
        ["type"] = "RichTextBlock",
        ["inlines"] = new JsonArray([.. runs]),
    };

    /// <summary>A run whose text is shown as it is: renderers do not parse a TextRun's text as markdown, so it is not escaped.</summary>
    private static JsonObject Run(string text, bool bold = false, string? size = null)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        if (size is not null)
        {
            run["size"] = size;
        }

        return run;
    }

    /// <summary>A button whose data Webex hands back, with the card's inputs, as the attachment action's <c>inputs</c>.</summary>
    private static JsonObject Answer(string title, string meetingId, string answer) => new()
    {
        ["type"] = "Action.Submit",
        ["title"] = title,
        ["data"] = new JsonObject { ["meetingId"] = meetingId, ["answer"] = answer },
    };

    /// <summary>A line of the message: as sent in the text and on the card, and as shown in markdown.</summary>
    private sealed record Fact(string Name, string Value, string Shown);

    [GeneratedRegex(@"[\\`*_{}\[\]()#+\-.!|~@]", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownCharacter();
}
