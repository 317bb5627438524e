using System.Text.Json.Serialization;

namespace Auth.Testing;

/// <summary>A token endpoint's answer: the access token, and the ID and refresh tokens when the scopes asked for them.</summary>
public sealed record AuthTokens
{
    /// <summary>The access token, a JWT signed by the server.</summary>
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    /// <summary><c>Bearer</c>.</summary>
    [JsonPropertyName("token_type")]
    public string TokenType { get; init; } = "Bearer";

    /// <summary>The access token's lifetime in seconds.</summary>
    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; init; }

    /// <summary>The ID token, with the <c>openid</c> scope.</summary>
    [JsonPropertyName("id_token")]
    public string? IdToken { get; init; }

    /// <summary>The refresh token, with <c>offline_access</c> and a client allowed the refresh_token grant.</summary>
    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    /// <summary>The granted scopes, space-separated.</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }
}
