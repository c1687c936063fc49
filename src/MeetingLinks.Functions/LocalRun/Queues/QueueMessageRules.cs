using System.Text;
using Azure.Storage.Queues;
using MeetingLinks.Hosting;

namespace MeetingLinks.LocalRun.Queues;

/// <summary>What happens to a storage-queue message next.</summary>
internal enum QueueMessageStep
{
    /// <summary>Run the function with it.</summary>
    Invoke,

    /// <summary>Done with: delete it.</summary>
    Delete,

    /// <summary>Make it visible again after host.json's <c>visibilityTimeout</c>, for another attempt.</summary>
    Release,

    /// <summary>Copy it, as stored, to the poison queue and delete it.</summary>
    MoveToPoison,

    /// <summary>Leave it hidden until its receive lease runs out; a poison queue has no poison queue of its own.</summary>
    LeaveHidden,
}

/// <summary>
/// The Functions host's rules for a storage-queue message (its queue extension's listener and processor), so that
/// a message meets the same fate in a local run as under the host.
/// </summary>
internal static class QueueMessageRules
{
    public const string PoisonSuffix = "-poison";

    private const int MaxQueueNameLength = 63;

    /// <summary>Where messages that keep failing go: <c>&lt;queue&gt;-poison</c>; null for a poison queue itself.</summary>
    public static string? PoisonQueueOf(string queueName)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        return queueName.EndsWith(PoisonSuffix, StringComparison.Ordinal) || queueName.Length + PoisonSuffix.Length > MaxQueueNameLength
            ? null
            : queueName + PoisonSuffix;
    }

    /// <summary>The text the function gets for a message <paramref name="stored"/> on the queue; null when it is not in that encoding.</summary>
    public static string? Decode(string stored, QueueMessageEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (encoding == QueueMessageEncoding.None)
        {
            return stored;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(stored));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Before the function runs: a message that cannot be decoded, or that has been received more than
    /// <see cref="QueueSettings.MaxDequeueCount"/> times already, is not run but goes to the poison queue.
    /// </summary>
    public static QueueMessageStep Before(bool decoded, long dequeueCount, int maxDequeueCount, bool hasPoisonQueue)
        => decoded && dequeueCount <= maxDequeueCount ? QueueMessageStep.Invoke : GiveUp(hasPoisonQueue);

    /// <summary>
    /// After the function ran: deleted when it succeeded. When it failed, released for another attempt until it has
    /// had <see cref="QueueSettings.MaxDequeueCount"/>, then moved to the poison queue; on a poison queue it is left
    /// hidden, so that a message nobody can handle does not loop fast.
    /// </summary>
    public static QueueMessageStep After(bool succeeded, long dequeueCount, int maxDequeueCount, bool hasPoisonQueue)
        => succeeded ? QueueMessageStep.Delete
            : !hasPoisonQueue ? QueueMessageStep.LeaveHidden
            : dequeueCount >= maxDequeueCount ? QueueMessageStep.MoveToPoison
            : QueueMessageStep.Release;

    private static QueueMessageStep GiveUp(bool hasPoisonQueue)
        => hasPoisonQueue ? QueueMessageStep.MoveToPoison : QueueMessageStep.LeaveHidden;
}
