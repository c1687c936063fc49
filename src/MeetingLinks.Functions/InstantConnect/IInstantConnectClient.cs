namespace MeetingLinks.InstantConnect;

public interface IInstantConnectClient
{
    /// <summary>Asks the broker for host and guest links; when it cannot, why not, as the flow should read it.</summary>
    Task<Outcome<MeetingLinkSet>> CreateLinksAsync(MeetingLinkRequest request, CancellationToken cancellationToken);
}
