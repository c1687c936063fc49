namespace MeetingLinks.DevHost.Storage;

/// <summary>Keeps the last lines a child process wrote, to put into failure messages.</summary>
internal sealed class OutputTail(int capacity = 20)
{
    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    public void Add(string line)
    {
        lock (gate)
        {
            if (lines.Count == capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line);
        }
    }

    public override string ToString()
    {
        lock (gate)
        {
            return lines.Count == 0 ? "(no output)" : string.Join(Environment.NewLine, lines);
        }
    }
}
