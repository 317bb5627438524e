using System.Text.Json.Serialization;

namespace Auth.Api.Admin;

/// <summary>
/// The body of POST /admin/v1/clients/{client_id}/tokens: the token's one scope (<c>scim</c> when absent) and its
/// lifetime in seconds (SigningKeys:MaximumTokenLifetime, 31 days, when absent, and at most that).
/// </summary>
public sealed record ClientTokenRequest(
    [property: JsonPropertyName("scope")] string? Scope = null,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn = null);
