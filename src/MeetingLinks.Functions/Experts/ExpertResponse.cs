namespace MeetingLinks.Experts;

/// <summary>The expert's answer on the card: <c>joining</c> or <c>declined</c>, by whom, on which message, when.</summary>
public sealed record ExpertResponse(string Answer, string PersonId, string? PersonName, string MessageId, DateTimeOffset At)
{
    public const string Joining = "joining";
    public const string Declined = "declined";

    public static IReadOnlyList<string> Answers { get; } = [Joining, Declined];
}

/// <summary>A threaded reply under the expert's card, for one pressed button (one Webex attachment action).</summary>
public sealed record ExpertReply(string ActionId, string RoomId, string ParentId, string Markdown, Delivery Delivery);
