namespace Auth.Domain.Audit;

/// <summary>
/// One security event as the audit log keeps it: what happened, to whom, through which client, from where, and how it
/// ended. It never holds a password, secret, code or token — only identifiers.
/// </summary>
public sealed class AuditEntry
{
    public AuditEntry(DateTimeOffset occurredAt, string eventType, string outcome, string? subjectId, string? clientId, string? ipAddress, string? correlationId, string? detail, string? actor = null)
    {
        OccurredAt = occurredAt;
        EventType = eventType;
        Outcome = outcome;
        SubjectId = subjectId;
        ClientId = clientId;
        IpAddress = ipAddress;
        CorrelationId = correlationId;
        Detail = detail;
        Actor = actor;
    }

    public long Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>A dotted name such as <c>sign_in</c> or <c>scim.user.created</c>; see the application's event types.</summary>
    public string EventType { get; private set; }

    /// <summary><c>success</c>, <c>failure</c>, or a more precise reason such as <c>locked_out</c>.</summary>
    public string Outcome { get; private set; }

    /// <summary>The user the event is about (their id), when there is one.</summary>
    public string? SubjectId { get; private set; }

    public string? ClientId { get; private set; }

    public string? IpAddress { get; private set; }

    /// <summary>The request's trace id, to find the matching log lines.</summary>
    public string? CorrelationId { get; private set; }

    /// <summary>Short non-secret context: a user name attempted, a key id, a rate-limit policy, an error code.</summary>
    public string? Detail { get; private set; }

    /// <summary>
    /// Who made the change, when it was made for someone through an API: <c>client:</c> and the calling client's id
    /// (the admin API, SCIM), or <c>user:</c> and the signed-in user's id.
    /// </summary>
    public string? Actor { get; private set; }
}
