using System.Diagnostics;
using MeetingLinks.DevHost.Storage;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingLinks.Tests.DevHost.Storage;

// Graceful stop is SIGINT (the test suite runs on Linux, like CI and Azure).
public sealed class ChildProcessTests
{
    [Fact]
    public async Task Dispose_interrupts_the_child_so_it_can_save_before_it_exits()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"child-process-{Guid.NewGuid():N}");
        var log = new LogLines();
        var startInfo = NodeScript.StartInfo("""
            process.on('SIGINT', () => { require('fs').writeFileSync(process.env.MARKER, 'saved'); process.exit(0); });
            console.log('ready');
            setInterval(() => {}, 1000);
            """);
        startInfo.Environment["MARKER"] = marker;
        try
        {
            var child = new ChildProcess(startInfo, "saver", log);
            child.Start();
            await log.WaitForAsync("saver: ready"); // the SIGINT handler is in place

            await child.DisposeAsync();

            Assert.Equal("saved", await File.ReadAllTextAsync(marker));
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task Exit_with_an_error_is_warned_about_with_the_last_output()
    {
        var log = new LogLines();
        await using var child = new ChildProcess(NodeScript.StartInfo("console.error('disk full'); process.exit(3);"), "crasher", log);
        child.Start();
        child.WarnOnUnexpectedExit();

        var warning = await log.WaitForAsync("Warning:");

        Assert.Contains("crasher exited unexpectedly with code 3", warning, StringComparison.Ordinal);
        Assert.Contains("disk full", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_program_that_cannot_be_run_is_named_in_the_error()
    {
        await using var child = new ChildProcess(
            new ProcessStartInfo("no-such-program-for-child-process-tests") { RedirectStandardOutput = true, RedirectStandardError = true },
            "missing",
            NullLogger.Instance);

        var error = Assert.Throws<InvalidOperationException>(child.Start);

        Assert.Contains("no-such-program-for-child-process-tests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_a_child_that_never_started_is_harmless_and_can_be_repeated()
    {
        var child = new ChildProcess(NodeScript.StartInfo(""), "idle", NullLogger.Instance);

        Assert.True(child.HasExited);
        await child.DisposeAsync();
        await child.DisposeAsync();
    }
}
