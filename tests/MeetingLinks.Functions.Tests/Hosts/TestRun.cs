using System.Reflection;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("MeetingLinks.Tests.Hosts.TestRun", "MeetingLinks.Functions.Tests")]

namespace MeetingLinks.Tests.Hosts;

/// <summary>
/// xunit's own framework, plus the end of the run xunit 2 has no fixture for: once every test has finished, the apps
/// and the Azurite shared by the whole run are stopped, before the test process is told it may exit (the runner
/// gives it little time after that, and a worker process outlives the process that started it).
/// </summary>
public sealed class TestRun(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName)
        => new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        // xunit declares this void and runs its own executor's the same way; the runner reports every outcome itself.
#pragma warning disable AZFW0002
        protected override async void RunTestCases(
            IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
#pragma warning restore AZFW0002
    }

    private sealed class Runner(
        ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await SharedAppHosts.StopAllAsync();
            await AzuriteFixture.StopAsync();
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
