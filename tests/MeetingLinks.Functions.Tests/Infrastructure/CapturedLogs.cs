using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>
/// Keeps every log line the app writes, with its structured values, scopes and exceptions, and passes each on to
/// <paramref name="forward"/> (a test's output) as it is written.
/// </summary>
public sealed class CapturedLogs(Action<string>? forward = null) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Action<string>? forward = forward;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => [.. _lines];

    /// <summary>Everything written, as one text to search.</summary>
    public string AllText => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    line.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            owner._scopes.ForEachScope((scope, text) => text.Append(" | scope ").Append(scope), line);
            if (exception is not null)
            {
                line.Append('\n').Append(exception);
            }

            var text = line.ToString();
            owner._lines.Enqueue(text);
            try
            {
                owner.forward?.Invoke(text);
            }
            catch (InvalidOperationException)
            {
                // xunit's output helper refuses lines once its test is over; background work may still log then.
            }
        }
    }
}
