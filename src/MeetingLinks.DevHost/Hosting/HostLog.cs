using System.Collections.Concurrent;

namespace MeetingLinks.DevHost.Hosting;

/// <summary>
/// Everything the double hears: the worker's stdout and stderr, its <c>RpcLog</c> messages and the double's own
/// notes. Kept for tests to search, and passed on to the caller's callback as it arrives.
/// </summary>
public sealed class HostLog(Action<string>? callback)
{
    private readonly ConcurrentQueue<string> lines = new();

    /// <summary>The lines so far, oldest first.</summary>
    public IReadOnlyList<string> Lines => [.. lines];

    public bool Contains(string text) => lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    public void Write(string line)
    {
        lines.Enqueue(line);
        try
        {
            callback?.Invoke(line);
        }
        catch (InvalidOperationException)
        {
            // xunit's output helper throws once its test is over; the worker may still be talking then. An exception
            // here would escape on a process-output thread and take the test run down.
        }
    }

    /// <summary>The last lines, for exception messages that must say what the worker was doing.</summary>
    public string Tail(int count = 40) => string.Join(Environment.NewLine, Lines.TakeLast(count));
}
