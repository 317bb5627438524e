using System.Text.Json.Serialization;
using Auth.Application.Sessions;

namespace Auth.Api.Admin;

/// <summary>One of a user's browser sessions in force; the id is also the <c>sid</c> of the ID tokens issued in it.</summary>
public sealed record UserSessionRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("started_at")] string StartedAt,
    [property: JsonPropertyName("authenticated_at")] string AuthenticatedAt,
    [property: JsonPropertyName("last_seen_at")] string LastSeenAt,
    [property: JsonPropertyName("expires_at")] string ExpiresAt,
    [property: JsonPropertyName("amr")] IReadOnlyList<string> Methods,
    [property: JsonPropertyName("identity_provider")] string? IdentityProvider,
    [property: JsonPropertyName("clients")] IReadOnlyList<string> Clients)
{
    public static UserSessionRecord From(UserSessionSummary session) => new(
        session.Id, AdminTime.Format(session.StartedAt), AdminTime.Format(session.AuthenticatedAt), AdminTime.Format(session.LastSeenAt),
        AdminTime.Format(session.ExpiresAt), session.Methods, session.IdentityProviderId, session.Clients);
}
