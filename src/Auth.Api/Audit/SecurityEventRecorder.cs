using Auth.Api.Observability;
using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Domain.Audit;
using Auth.Infrastructure.Audit;

namespace Auth.Api.Audit;

/// <summary>
/// Completes a security event with when, from where and which request (the trace id, also on the request's log
/// lines), then writes it to the log at once, counts it, and queues it for the audit table.
/// </summary>
public sealed partial class SecurityEventRecorder(
    IHttpContextAccessor http,
    AuditQueue queue,
    AuthMetrics metrics,
    TimeProvider clock,
    ILogger<SecurityEventRecorder> logger) : ISecurityEvents
{
    public void Record(SecurityEvent securityEvent)
    {
        var context = http.HttpContext;
        var ip = securityEvent.IpAddress ?? context?.Connection.RemoteIpAddress?.ToString();
        var correlationId = securityEvent.CorrelationId ?? CorrelationId.Current(context);
        var entry = new AuditEntry(
            clock.GetUtcNow(), securityEvent.Type, securityEvent.Outcome, securityEvent.SubjectId, Truncate(securityEvent.ClientId, 128),
            ip, correlationId, Truncate(securityEvent.Detail, 256), Truncate(securityEvent.Actor ?? RequestActor.Of(context), 200));

        LogEvent(logger, entry.EventType, entry.Outcome, entry.SubjectId, entry.ClientId, entry.Actor, entry.IpAddress, entry.CorrelationId, entry.Detail);
        metrics.SecurityEvent(entry.EventType, entry.Outcome, entry.Detail);
        queue.Enqueue(entry);
    }

    private static string? Truncate(string? value, int length) => value is { Length: > 0 } && value.Length > length ? value[..length] : value;

    [LoggerMessage(EventId = 9000, Level = LogLevel.Information,
        Message = "Audit {EventType} {Outcome} subject={SubjectId} client={ClientId} actor={Actor} ip={IpAddress} correlation={CorrelationId} detail={Detail}")]
    private static partial void LogEvent(ILogger logger, string eventType, string outcome, string? subjectId, string? clientId, string? actor, string? ipAddress, string? correlationId, string? detail);
}
