using Auth.Api.Observability;
using Auth.Application.Behaviours;
using Auth.Application.Ports;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Auth.Api.Errors;

/// <summary>
/// The one place that turns exceptions into the documented error body. Validation failures are the caller's
/// fault (400), malformed HTTP is reported by Kestrel with its own status, a write that lost a race on a row's version
/// is a 409, a database or mail server outage is a 503,
/// and anything else is a bug: 500 with a correlation id (the request's trace id, <see cref="CorrelationId"/>) in the body
/// and the exception in the log, never in the response.
/// </summary>
public sealed partial class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var context = httpContext;
        if (context.Response.HasStarted)
        {
            return false;
        }

        var correlationId = CorrelationId.Of(context);
        switch (exception)
        {
            case RequestValidationException validation:
                await ErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, validation.Message,
                    validation.Failures.Select(FieldError.From).ToList());
                return true;

            case BadHttpRequestException bad:
                await ErrorWriter.WriteAsync(context, bad.StatusCode);
                return true;

            case InvalidDataException:
                // Form readers report exceeded limits (value count, key or value length) this way.
                await ErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The request body exceeds the form limits or is malformed.");
                return true;

            case DbUpdateConcurrencyException:
            case OpenIddictExceptions.ConcurrencyException:
                // A write raced another on the same row (its version is a concurrency token; OpenIddict's stores report
                // it as their own exception) and its transaction rolled back: the caller reads again and decides, as
                // with a stale If-Match. Use cases that can decide alone
                // retry first, so this is logged: a path that reaches it often wants a retry of its own.
                LogLostRace(logger, correlationId, exception);
                await ErrorWriter.WriteAsync(context, StatusCodes.Status409Conflict, ErrorCodes.Conflict,
                    "The resource changed while this request was being made, and nothing was saved: read it again and send the request again.");
                return true;

            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                // The client went away; nobody is left to answer.
                return true;

            case var outage when StoreOutage.Caused(outage):
                LogStoreUnavailable(logger, correlationId, exception);
                await ErrorWriter.WriteAsync(
                    context,
                    StatusCodes.Status503ServiceUnavailable,
                    ErrorCodes.TemporarilyUnavailable,
                    $"The service is temporarily unavailable (correlation id {correlationId}).");
                return true;

            case MailDeliveryException:
                LogMailUnavailable(logger, correlationId, exception);
                await ErrorWriter.WriteAsync(
                    context,
                    StatusCodes.Status503ServiceUnavailable,
                    ErrorCodes.TemporarilyUnavailable,
                    $"The mail server did not take the message; nothing was sent (correlation id {correlationId}).");
                return true;

            default:
                LogUnhandled(logger, correlationId, exception);
                await ErrorWriter.WriteAsync(
                    context,
                    StatusCodes.Status500InternalServerError,
                    ErrorCodes.ServerError,
                    $"An internal error occurred (correlation id {correlationId}).");
                return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A write lost a race on a row's version and was answered 409, correlation id {CorrelationId}")]
    private static partial void LogLostRace(ILogger logger, string correlationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception, correlation id {CorrelationId}")]
    private static partial void LogUnhandled(ILogger logger, string correlationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The database did not answer, correlation id {CorrelationId}")]
    private static partial void LogStoreUnavailable(ILogger logger, string correlationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail server did not take a message, correlation id {CorrelationId}")]
    private static partial void LogMailUnavailable(ILogger logger, string correlationId, Exception exception);
}
