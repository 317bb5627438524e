using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Auth.Application.Behaviours;

/// <summary>
/// Logs which use case ran and how long it took. Only the request's type name is written: requests carry
/// passwords, secrets and SCIM payloads, so the request object itself is never logged.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            LogHandled(logger, typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {RequestType} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string requestType, double elapsedMilliseconds);
}
