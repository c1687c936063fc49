using System.Collections.Concurrent;

namespace MeetingLinks.Tests.Hosts;

/// <summary>
/// Apps shared by every test that needs the same configuration, one per configuration name for the whole run: started
/// on first use, stopped when the run ends (<see cref="TestRun"/>). Tests keep their data apart by unique keys, references and numbers.
/// </summary>
public static class SharedAppHosts
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<AppHost>>> Apps = new(StringComparer.Ordinal);

    /// <summary>The app started for <paramref name="configuration"/>, started by <paramref name="start"/> if this is the first use.</summary>
    public static Task<AppHost> GetAsync(string configuration, Func<Task<AppHost>> start)
    {
        var app = Apps.GetOrAdd(configuration, _ => new Lazy<Task<AppHost>>(start));
        if (app.Value.IsFaulted)
        {
            // A failed start fails its first test with the reason; the next test that needs it tries again.
            Apps.TryUpdate(configuration, new Lazy<Task<AppHost>>(start), app);
        }

        return app.Value;
    }

    /// <summary>Stops every app started so far.</summary>
    public static async Task StopAllAsync()
    {
        var started = Apps.Values.Where(a => a.IsValueCreated && a.Value.IsCompletedSuccessfully).Select(a => a.Value.Result).ToList();
        Apps.Clear();
        await Task.WhenAll(started.Select(app => app.DisposeAsync().AsTask()));
    }
}
