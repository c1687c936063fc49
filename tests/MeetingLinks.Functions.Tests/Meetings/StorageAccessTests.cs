using Azure;
using Azure.Identity;
using MeetingLinks.Meetings.Storage;

namespace MeetingLinks.Tests.Meetings;

public class StorageAccessTests
{
    [Fact]
    public async Task A_shared_start_runs_once_for_every_caller_when_it_succeeds()
    {
        var runs = 0;
        var start = new SharedStart(() =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => start.WaitAsync(CancellationToken.None)));
        await start.WaitAsync(CancellationToken.None);

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_failed_start_is_forgotten_and_the_next_caller_tries_again()
    {
        var runs = 0;
        var start = new SharedStart(() => ++runs == 1
            ? Task.FromException(new AuthenticationFailedException("managed identity not ready"))
            : Task.CompletedTask);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => start.WaitAsync(CancellationToken.None));
        await start.WaitAsync(CancellationToken.None);

        Assert.Equal(2, runs);
    }

    [Fact]
    public void Identity_failures_count_as_an_outage_and_bugs_do_not()
    {
        Assert.True(StorageAccess.IsOutage(new AuthenticationFailedException("no token")));
        Assert.True(StorageAccess.IsOutage(new CredentialUnavailableException("no identity")));
        Assert.True(StorageAccess.IsOutage(new RequestFailedException(503, "busy")));
        Assert.False(StorageAccess.IsOutage(new InvalidOperationException("bug")));
    }
}
