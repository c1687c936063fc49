namespace MeetingLinks.DevHost;

/// <summary>A setting the development host cannot use; the message names it, in one line.</summary>
public sealed class DevHostSettingsException : Exception
{
    public DevHostSettingsException(string message)
        : base(message)
    {
    }

    public DevHostSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
