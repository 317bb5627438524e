using System.Text.Json.Serialization;

namespace Auth.Api.Admin;

/// <summary>A new initial access token, shown in this answer only, with what it allows.</summary>
public sealed record RegistrationTokenRecord(
    [property: JsonPropertyName("initial_access_token")] string InitialAccessToken,
    [property: JsonPropertyName("expires_at")] string ExpiresAt,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string> GrantTypes);
