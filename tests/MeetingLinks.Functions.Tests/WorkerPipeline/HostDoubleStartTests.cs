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

    [Fact]
    public async Task Several_bad_settings_are_each_named_on_a_line_of_their_own_without_a_stack_trace()
    {
        var options = new FunctionsHostDoubleOptions
        {
            AppDirectory = FunctionsAppLocator.FromAssemblyMetadata(typeof(HostDoubleStartTests).Assembly),
            Log = output.WriteLine,
            Settings = { ["InstantConnect__Sandbox"] = "false", ["Tables__TableName"] = "not a table name" },
        };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsHostDouble.StartAsync(options));

        Assert.Contains("The worker exited with code 1", failure.Message, StringComparison.Ordinal);
        var lines = failure.Message.Split('\n').Where(l => l.Contains("Configuration error:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.Contains("Tables__TableName must be", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("InstantConnect__BotToken", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", failure.Message, StringComparison.Ordinal);
    }
}
