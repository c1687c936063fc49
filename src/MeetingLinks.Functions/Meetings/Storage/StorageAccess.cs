namespace MeetingLinks.Meetings.Storage;

/// <summary>What tables and queues have in common: creating what they need once, and telling an outage from a bug.</summary>
internal static class StorageAccess
{
    /// <summary>What storage, or the identity that opens it, throws when it cannot be reached or refuses for now.</summary>
    public static bool IsOutage(Exception exception)
        => exception is RequestFailedException or AggregateException or HttpRequestException or OperationCanceledException or IOException
            or AuthenticationFailedException;
}

/// <summary>One run of <paramref name="start"/> shared by every caller; a failed run is forgotten, so the next caller tries again.</summary>
internal sealed class SharedStart(Func<Task> start)
{
    private Task? _run;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var run = Volatile.Read(ref _run);
        if (run is null)
        {
            var fresh = start();
            run = Interlocked.CompareExchange(ref _run, fresh, null) ?? fresh;
        }

        try
        {
            await run.WaitAsync(cancellationToken);
        }
        catch (Exception) when (run.IsFaulted || run.IsCanceled)
        {
            _ = Interlocked.CompareExchange(ref _run, null, run);
            throw;
        }
    }
}
