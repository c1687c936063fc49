namespace MeetingLinks.Experts;

/// <summary>The threaded replies under the expert's card (queue kind <c>reply</c>), by the Webex action they answer.</summary>
public sealed class ExpertReplies(WebexClient webex, IOptions<NotificationsOptions> options) : INotificationKind
{
    public const string KindName = "reply";

    public string Name => KindName;

    public TimeSpan RetryWindow => options.Value.RetryWindow;

    public Delivery? Find(MeetingRecord record, string id) => record.Replies.FirstOrDefault(r => r.ActionId == id)?.Delivery;

    public MeetingRecord Change(MeetingRecord record, string id, Func<Delivery, Delivery> change)
        => record with { Replies = [.. record.Replies.Select(r => r.ActionId == id ? r with { Delivery = change(r.Delivery) } : r)] };

    public string Recipient(MeetingRecord record, string id) => "the expert's thread";

    public async Task<Outcome<AcceptedMessage>> SendAsync(MeetingRecord record, string id, CancellationToken cancellationToken)
        => record.Replies.FirstOrDefault(r => r.ActionId == id) is { } reply
            ? await webex.ReplyAsync(reply.Where, reply.ParentId, reply.Markdown, cancellationToken)
            : Failure.Unexpected();
}
