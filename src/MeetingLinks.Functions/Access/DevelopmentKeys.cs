namespace MeetingLinks.Access;

/// <summary>
/// Whether the fixed development keys work. Off unless <see cref="AccessStartupReport"/> turns them
/// on: only for a local run with no keys configured that listens on loopback addresses alone, so a
/// wrong guess about how the process runs fails closed.
/// </summary>
public sealed class DevelopmentKeys
{
    private volatile bool _enabled;

    public bool Enabled => _enabled;

    internal void Enable() => _enabled = true;
}
