namespace Auth.Application.Audit;

/// <summary>
/// A security event a use case or the HTTP edge reports. The recorder adds the time, the client IP and the correlation
/// id, writes it to the log and the audit table, and counts it in the metrics.
/// </summary>
/// <param name="Type">One of <see cref="SecurityEventTypes"/>.</param>
/// <param name="Outcome">One of <see cref="SecurityEventOutcomes"/>.</param>
/// <param name="SubjectId">The user's id, never a password or token.</param>
/// <param name="ClientId">The OAuth client involved, if any.</param>
/// <param name="Detail">Short, non-secret context (a user name attempted, a key id, a policy name).</param>
/// <param name="Actor">Who acted (<c>client:</c> or <c>user:</c> and an id); when null, the recorder names the caller of the
/// request the event happened in (its access token's client or user).</param>
/// <param name="IpAddress">The client IP of the request the event belongs to, for an event recorded after that request
/// has ended (work it handed to the background carries it); when null, the current request's.</param>
/// <param name="CorrelationId">That request's correlation id, likewise.</param>
public sealed record SecurityEvent(
    string Type,
    string Outcome,
    string? SubjectId = null,
    string? ClientId = null,
    string? Detail = null,
    string? Actor = null,
    string? IpAddress = null,
    string? CorrelationId = null);
