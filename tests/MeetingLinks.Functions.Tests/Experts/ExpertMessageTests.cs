using System.Text.Json.Nodes;
using MeetingLinks.Experts;
using MeetingLinks.Meetings;
using MeetingLinks.Notifications;

namespace MeetingLinks.Tests.Experts;

public class ExpertMessageTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_message_holds_the_host_link_and_the_meetings_facts_but_never_the_full_number()
    {
        var message = ExpertMessage.For(Record("Jane Doe", "CASE-123", "Video visit"), IssuedLink.CreateBatch)!;

        foreach (var text in new[] { message.Markdown, message.Text, message.Card.ToJsonString() })
        {
            Assert.Contains("https://instant.webex.com/visit/hCode01", text, StringComparison.Ordinal);
            Assert.Contains("Jane Doe", text, StringComparison.Ordinal);
            Assert.Contains("whatsapp", text, StringComparison.Ordinal);
            Assert.Contains("2026-11-25 10:00 UTC", text, StringComparison.Ordinal);
            Assert.Contains("2026-11-26 10:00 UTC", text, StringComparison.Ordinal);
            Assert.DoesNotContain("5551234567", text, StringComparison.Ordinal);
            Assert.DoesNotContain("gCode01", text, StringComparison.Ordinal);
        }

        Assert.Contains("+15*******67", message.Text, StringComparison.Ordinal);
        Assert.Contains("CASE\\-123", message.Markdown, StringComparison.Ordinal);
        Assert.Contains("CASE-123", message.Text, StringComparison.Ordinal);
        Assert.Contains("[Join as host](https://instant.webex.com/visit/hCode01)", message.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_card_has_a_join_as_host_button_for_the_link_and_the_experts_two_answers()
    {
        var message = ExpertMessage.For(Record("Jane", null, null), IssuedLink.CreateBatch)!;
        var card = message.Card;

        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        var actions = card["actions"]!.AsArray();
        Assert.Equal(3, actions.Count);
        Assert.Equal(("Action.OpenUrl", "Join as host", "https://instant.webex.com/visit/hCode01"),
            (actions[0]!["type"]!.GetValue<string>(), actions[0]!["title"]!.GetValue<string>(), actions[0]!["url"]!.GetValue<string>()));
        Assert.Equal(
            [("Action.Submit", "I'm joining", """{"meetingId":"20261125-51299877-k3j7xq2a","answer":"joining"}"""),
             ("Action.Submit", "I can't take it", """{"meetingId":"20261125-51299877-k3j7xq2a","answer":"declined"}""")],
            actions.Skip(1).Select(a => (a!["type"]!.GetValue<string>(), a["title"]!.GetValue<string>(), a["data"]!.ToJsonString())));

        // Without the card, the text says the same.
        Assert.Contains("\"I'm joining\" or \"I can't take it\"", message.Text, StringComparison.Ordinal);
        Assert.Contains("I'm joining", message.Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Click me](https://evil.example)")]
    [InlineData("**urgent** _now_ `code`")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("# heading")]
    [InlineData("@all join")]
    public void A_customer_name_cannot_add_markdown_links_or_card_content(string name)
    {
        var message = ExpertMessage.For(Record(name, "R", "S"), IssuedLink.CreateBatch)!;

        Assert.Contains("Customer: " + ExpertMessage.Escape(name + ", +15*******67, whatsapp"), message.Markdown, StringComparison.Ordinal);
        foreach (var live in new[] { "](https://evil", "<script", "\n#", ": #", ": @", " **urgent", "`code`" })
        {
            Assert.DoesNotContain(live, message.Markdown, StringComparison.Ordinal);
        }

        // On the card the name is the text of a TextRun, which no renderer parses, so it is there as sent and nowhere else.
        Assert.Contains(name + ", +15*******67, whatsapp", RichTextRuns(message.Card));
        Assert.DoesNotContain(Strings(message.Card), s => !s.InTextRun && s.Value.Contains(name, StringComparison.Ordinal));
        Assert.DoesNotContain(Objects(message.Card), o => Type(o) is "TextBlock" or "FactSet");
        Assert.Single(message.Card["actions"]!.AsArray(), a => a!["type"]!.GetValue<string>() == "Action.OpenUrl");
    }

    [Fact]
    public void The_cards_customer_text_is_a_text_run_shown_literally()
    {
        const string Name = "Ada *bold* [x](http://evil.example)";
        var message = ExpertMessage.For(Record(Name, "CASE-1 _x_", "Video visit"), IssuedLink.CreateBatch)!;
        var card = message.Card;

        Assert.Equal("1.3", card["version"]!.GetValue<string>());
        Assert.Contains(Name + ", +15*******67, whatsapp", RichTextRuns(card));
        var title = Assert.IsType<JsonObject>(card["body"]![0]!["inlines"]![0]);
        Assert.Equal(("RichTextBlock", "TextRun", "Video meeting CASE-1 _x_", "Bolder"),
            (Type(card["body"]![0]!.AsObject()), Type(title), title["text"]!.GetValue<string>(), title["weight"]!.GetValue<string>()));
        Assert.DoesNotContain(Objects(card), o => o.ContainsKey("facts"));
        Assert.DoesNotContain(Strings(card), s => s.Value.Contains('\\', StringComparison.Ordinal));

        // The markdown, which Webex renders, still escapes them.
        Assert.Contains("**" + ExpertMessage.Escape("Video meeting CASE-1 _x_") + "**", message.Markdown, StringComparison.Ordinal);
        Assert.Contains("Customer: " + ExpertMessage.Escape(Name + ", +15*******67, whatsapp"), message.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(Name, message.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_host_links_get_a_button_each_and_a_batch_without_host_links_has_no_message()
    {
        var record = Record("Jane", null, null);
        record = record with
        {
            Links = [.. record.Links, Link(IssuedLink.Host, "hB1", "b-1"), Link(IssuedLink.Host, "hB2", "b-1"), Link(IssuedLink.Guest, "gB3", "b-2")],
        };

        var two = ExpertMessage.For(record, "b-1")!;

        Assert.Equal(2, two.Card["actions"]!.AsArray().Count(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl"));
        Assert.Contains("Join as host (2)", two.Text, StringComparison.Ordinal);
        Assert.Null(ExpertMessage.For(record, "b-2"));
    }

    /// <summary>The text of every TextRun in a RichTextBlock of the card.</summary>
    private static List<string> RichTextRuns(JsonObject card) =>
    [
        .. Objects(card)
            .Where(o => Type(o) == "RichTextBlock")
            .SelectMany(block => block["inlines"]!.AsArray().OfType<JsonObject>())
            .Where(run => Type(run) == "TextRun")
            .Select(run => run["text"]!.GetValue<string>()),
    ];

    /// <summary>The card and every object in it.</summary>
    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject o => [o, .. o.SelectMany(p => Objects(p.Value))],
        JsonArray a => a.SelectMany(Objects),
        _ => [],
    };

    /// <summary>Every string in the card, and whether it is a TextRun's text.</summary>
    private static IEnumerable<(string Value, bool InTextRun)> Strings(JsonObject card) =>
        from o in Objects(card)
        from p in o
        where p.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String
        select (p.Value!.GetValue<string>(), Type(o) == "TextRun" && p.Key == "text");

    private static string? Type(JsonObject o) => o["type"]?.GetValue<string>();

    private static IssuedLink Link(string kind, string code, string batch)
        => new(kind, "https://instant.webex.com/visit/" + code, code, From, From.AddDays(1), From, batch);

    private static MeetingRecord Record(string name, string? reference, string? subject) => new()
    {
        MeetingId = "20261125-51299877-k3j7xq2a",
        Sub = "sub",
        CreatedAt = From,
        UpdatedAt = From,
        Status = MeetingStatus.Created,
        CustomerName = name,
        CustomerPhone = "+15551234567",
        Channel = "whatsapp",
        Reference = reference,
        Subject = subject,
        ValidFrom = From,
        ExpiresAt = From.AddDays(1),
        VerticalType = "hc",
        Links = [Link(IssuedLink.Host, "hCode01", IssuedLink.CreateBatch), Link(IssuedLink.Guest, "gCode01", IssuedLink.CreateBatch)],
    };
}
