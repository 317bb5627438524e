using System.Globalization;
using System.Text.Json.Serialization;
using Auth.Domain.Audit;

namespace Auth.Api.Audit;

/// <summary>An audit entry as GET /admin/audit returns it.</summary>
public sealed record AuditRecord(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("occurred_at")] string OccurredAt,
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("ip_address")] string? IpAddress,
    [property: JsonPropertyName("correlation_id")] string? CorrelationId,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("actor")] string? Actor)
{
    public static AuditRecord From(AuditEntry entry) => new(
        entry.Id,
        entry.OccurredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        entry.EventType, entry.Outcome, entry.SubjectId, entry.ClientId, entry.IpAddress, entry.CorrelationId, entry.Detail, entry.Actor);
}

/// <summary>A page of the audit log, newest first; <c>next_before</c> fetches the next (older) page.</summary>
public sealed record AuditRecordPage(
    [property: JsonPropertyName("entries")] IReadOnlyList<AuditRecord> Entries,
    [property: JsonPropertyName("next_before")] long? NextBefore);
