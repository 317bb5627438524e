using Microsoft.Extensions.Logging;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// When <c>AUTH_TEST_HOST_LOG</c> names a file, every in-process test server appends its warnings and errors there,
/// with the server's port and the exception, so a failure late in a long run can be traced to what the server saw
/// (the console logger's lines from background threads never reach the test output).
/// </summary>
public sealed class HostLogFile(string path, int port) : ILoggerProvider
{
    private static readonly Lock Writing = new();

    public static string? Path => Environment.GetEnvironmentVariable("AUTH_TEST_HOST_LOG") is { Length: > 0 } path ? path : null;

    public ILogger CreateLogger(string categoryName) => new Logger(path, port, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string path, int port, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"{DateTimeOffset.UtcNow:O} :{port} {logLevel} {category}: {formatter(state, exception)}{Environment.NewLine}{exception}{Environment.NewLine}";
            lock (Writing)
            {
                File.AppendAllText(path, line);
            }
        }
    }
}
