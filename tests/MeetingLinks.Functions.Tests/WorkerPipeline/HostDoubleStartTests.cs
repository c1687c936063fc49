using MeetingLinks.HostDouble;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.WorkerPipeline;

public class HostDoubleStartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_worker_that_exits_during_start_fails_the_start_with_what_it_said()
    {
        var options = new FunctionsHostDoubleOptions
        {
            AppDirectory = FunctionsAppLocator.FromAssemblyMetadata(typeof(HostDoubleStartTests).Assembly),
            Log = output.WriteLine,
            Settings = { ["InstantConnect__Sandbox"] = "true", ["Tables__TableName"] = "not a table name" },
        };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsHostDouble.StartAsync(options));

        Assert.Contains("The worker exited with code 1", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Configuration error:", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Tables__TableName must be", failure.Message, StringComparison.Ordinal);
    }
}
