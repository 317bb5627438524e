using System.Text.Json.Serialization;

namespace Auth.Api.Admin;

/// <summary>POST /admin/v1/registration-tokens: what the initial access token allows; each member defaults to the server's policy.</summary>
public sealed record RegistrationTokenRequest(
    [property: JsonPropertyName("scopes")] IReadOnlyList<string>? Scopes = null,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string>? GrantTypes = null,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn = null);
