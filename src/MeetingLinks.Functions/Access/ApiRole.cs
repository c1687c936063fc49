namespace MeetingLinks.Access;

public enum ApiRole
{
    /// <summary>Webex Connect flows: create meetings, report delivery events.</summary>
    Flow,

    /// <summary>Operations staff: read and export records.</summary>
    Ops,
}
