namespace MeetingLinks.Experts;

/// <summary>
/// What the expert reads: the new host link(s), the reference, subject, customer name, channel and the validity in
/// UTC, never the customer's full number. Markdown with a plain-text fallback and an adaptive card with a "Join as
/// host" button and two answers, "I'm joining" and "I can't take it", which come back through Webex's webhook. Every
/// value from a request is escaped, so a customer name cannot add markdown or card content.
/// </summary>
public sealed record ExpertMessage(string Markdown, string Text, JsonObject Card)
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    public const string JoiningTitle = "I'm joining";
    public const string DeclinedTitle = "I can't take it";

    private const string Time = "yyyy-MM-dd HH:mm 'UTC'";

    // Webex shows at most five actions on a card: the two answers and up to three host links (all are in the text).
    private const int MaxLinkActions = 3;

    /// <summary>The message for the host links of <paramref name="batch"/>; null when that batch has none.</summary>
    public static ExpertMessage? For(MeetingRecord record, string batch)
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
        // Values that came in a request are escaped; the service's own (times, the meeting id) need not be.
        var facts = new List<(string Name, string Value, bool FromRequest)>();
        if (record.Subject is { } subject)
        {
            facts.Add(("Subject", subject, true));
        }

        if (customer.Length > 0)
        {
            facts.Add(("Customer", customer, true));
        }

        facts.Add(("Valid", valid, false));
        facts.Add(("Meeting", record.MeetingId, false));

        var markdown = new StringBuilder().Append("**").Append(Escape(title)).Append("**\n\n");
        var text = new StringBuilder().Append(title).Append('\n');
        foreach (var (name, value, fromRequest) in facts)
        {
            markdown.Append(name).Append(": ").Append(fromRequest ? Escape(value) : value).Append("  \n");
            text.Append(name).Append(": ").Append(value).Append('\n');
        }

        for (var i = 0; i < hosts.Count; i++)
        {
            var label = hosts.Count == 1 ? "Join as host" : $"Join as host ({i + 1})";
            markdown.Append('\n').Append('[').Append(label).Append("](").Append(hosts[i].Url).Append(')');
            text.Append(label).Append(": ").Append(hosts[i].Url).Append('\n');
        }

        var answer = $"Say whether you take it with the buttons on the card: \"{JoiningTitle}\" or \"{DeclinedTitle}\".";
        markdown.Append("\n\n").Append(Escape(answer));
        text.Append(answer).Append('\n');
        return new ExpertMessage(markdown.ToString(), text.ToString(), BuildCard(title, facts, hosts, record.MeetingId));
    }

    /// <summary>
    /// Markdown and HTML characters in a value are escaped: Webex renders both, and card text blocks render markdown.
    /// </summary>
    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => escaped.Append("&amp;"),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '.' or '!' or '|' or '~' or '@'
                    => escaped.Append('\\').Append(c),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    private static JsonObject BuildCard(string title, List<(string Name, string Value, bool FromRequest)> facts, List<IssuedLink> hosts, string meetingId) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = "1.3",
        ["body"] = new JsonArray(
            new JsonObject { ["type"] = "TextBlock", ["text"] = Escape(title), ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
            new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray([.. facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Name, ["value"] = f.FromRequest ? Escape(f.Value) : f.Value })]),
            }),
        ["actions"] = new JsonArray(
        [
            .. hosts.Take(MaxLinkActions).Select((h, i) => (JsonNode)new JsonObject
            {
                ["type"] = "Action.OpenUrl",
                ["title"] = hosts.Count == 1 ? "Join as host" : $"Join as host ({i + 1})",
                ["url"] = h.Url,
            }),
            Answer(JoiningTitle, meetingId, ExpertResponse.Joining),
            Answer(DeclinedTitle, meetingId, ExpertResponse.Declined),
        ]),
    };

    /// <summary>A button whose data Webex hands back, with the card's inputs, as the attachment action's <c>inputs</c>.</summary>
    private static JsonObject Answer(string title, string meetingId, string answer) => new()
    {
        ["type"] = "Action.Submit",
        ["title"] = title,
        ["data"] = new JsonObject { ["meetingId"] = meetingId, ["answer"] = answer },
    };
}
