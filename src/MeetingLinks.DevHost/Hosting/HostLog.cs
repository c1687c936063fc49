using System.Collections.Concurrent;

namespace MeetingLinks.DevHost.Hosting;

/// <summary>
/// Everything the host hears: the worker's stdout and stderr, its <c>RpcLog</c> messages and the host's own notes.
/// The latest lines are kept, for start-up errors to quote and tests to search, and each is passed on to the
/// caller's callback as it arrives.
/// </summary>
public sealed class HostLog(Action<string>? callback)
{
    // Enough for any start-up and test to look back on, without growing for as long as a development host runs.
    private const int Kept = 5_000;

    private readonly ConcurrentQueue<string> lines = new();

    /// <summary>The lines so far, oldest first.</summary>
    public IReadOnlyList<string> Lines => [.. lines];

    public bool Contains(string text) => lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    public void Write(string line)
    {
        lines.Enqueue(line);
        while (lines.Count > Kept && lines.TryDequeue(out _))
        {
        }

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
