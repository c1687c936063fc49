using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>A logger a test can wait on: <see cref="WaitForAsync"/> returns as soon as a matching line is written.</summary>
public sealed class LogLines : ILogger
{
    // Only bounds a test whose line never comes, so that it fails instead of hanging.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        lines.Writer.TryWrite($"{logLevel}: {formatter(state, exception)}");

    /// <summary>The first line not yet waited past that contains <paramref name="text"/>, such as "Warning: ...".</summary>
    public async Task<string> WaitForAsync(string text)
    {
        using var patience = new CancellationTokenSource(Patience);
        await foreach (var line in lines.Reader.ReadAllAsync(patience.Token))
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException("The log was completed."); // never: nothing completes the channel
    }
}
