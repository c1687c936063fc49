namespace MeetingLinks.DevHost.Hosting;

/// <summary>An address the host should listen on is taken; the message says what to do, in one line.</summary>
public sealed class PortInUseException(string message, Exception innerException) : Exception(message, innerException);
