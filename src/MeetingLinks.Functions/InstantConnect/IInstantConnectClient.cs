namespace MeetingLinks.InstantConnect;

public interface IInstantConnectClient
{
    /// <summary>Asks the broker for host and guest links. Throws <see cref="InstantConnectException"/> when it cannot.</summary>
    Task<MeetingLinkSet> CreateLinksAsync(MeetingLinkRequest request, CancellationToken cancellationToken);
}
