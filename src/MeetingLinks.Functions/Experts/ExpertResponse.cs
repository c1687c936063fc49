namespace MeetingLinks.Experts;

/// <summary>The expert's answer on the card: <c>joining</c> or <c>declined</c>, by whom, on which message, when.</summary>
public sealed record ExpertResponse(string Answer, string PersonId, string? PersonName, string MessageId, DateTimeOffset At)
{
    public const string Joining = "joining";
    public const string Declined = "declined";

    public static IReadOnlyList<string> Answers { get; } = [Joining, Declined];
}

/// <summary>
/// A threaded reply under an expert's card: for one pressed button (by the Webex attachment action's id), or a note the
/// chain leaves on a card (the visit was passed on, or taken), by an id of its own. It goes to the card's space
/// (<paramref name="RoomId"/>), or to the card's recipient (<paramref name="To"/>) when Webex did not say which space.
/// </summary>
public sealed record ExpertReply(string ActionId, string? RoomId, string ParentId, string Markdown, Delivery Delivery, ExpertTarget? To = null)
{
    public ExpertTarget Where => RoomId is { } room ? new ExpertTarget(ExpertTarget.RoomId, room) : To!;
}
