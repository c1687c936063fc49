namespace MeetingLinks.LocalRun;

/// <summary>The local run cannot start; the message says what to do, in one line.</summary>
public sealed class LocalRunStartupException(string message, Exception? innerException = null) : Exception(message, innerException);
