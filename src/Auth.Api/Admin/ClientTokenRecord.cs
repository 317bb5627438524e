using System.Text.Json.Serialization;

namespace Auth.Api.Admin;

/// <summary>A minted access token, shown this once: it is not stored anywhere it could be read back.</summary>
public sealed record ClientTokenRecord(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("expires_at")] string ExpiresAt);
