using System.Text.Json.Serialization;

namespace Auth.Api.ClientRegistration;

/// <summary>RFC 7591 §3.2.1 / RFC 7592 §3: the client's information, with what it needs to manage itself.</summary>
public sealed record RegisteredClientResponse(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_id_issued_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ClientIdIssuedAt,
    [property: JsonPropertyName("registration_client_uri")] string RegistrationClientUri)
{
    /// <summary>Only in the registration's answer: the generated secret, shown once.</summary>
    [JsonPropertyName("client_secret")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientSecret { get; init; }

    /// <summary>0: the secret does not expire (RFC 7591 §3.2.1); present whenever a secret is.</summary>
    [JsonPropertyName("client_secret_expires_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ClientSecretExpiresAt { get; init; }

    /// <summary>The bearer token of RFC 7592: made with the registration, and echoed in every answer about the client (§3).</summary>
    [JsonPropertyName("registration_access_token")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RegistrationAccessToken { get; init; }

    /// <summary>The client's metadata (<see cref="ClientMetadata"/>), beside the members above.</summary>
    [JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement> Metadata { get; init; } = [];
}
