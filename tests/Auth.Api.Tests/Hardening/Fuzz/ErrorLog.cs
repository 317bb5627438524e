using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Auth.Api.Tests.Hardening.Fuzz;

/// <summary>
/// A logger provider that keeps what a server logs at Error or above, added to a running server's logger factory,
/// so a test can check that bad input was answered without the server treating it as a fault.
/// </summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " — " + exception.GetType().Name + ": " + exception.Message)}");
            }
        }
    }
}
