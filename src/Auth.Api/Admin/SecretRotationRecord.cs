using System.Text.Json.Serialization;
using Auth.Application.Clients;

namespace Auth.Api.Admin;

/// <summary>The answer to a secret rotation: the new secret, shown this once, and until when the replaced one works.</summary>
public sealed record SecretRotationRecord(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("secret_rotated_at")] string SecretRotatedAt,
    [property: JsonPropertyName("previous_secret_valid_until")] string? PreviousSecretValidUntil)
{
    public static SecretRotationRecord From(RotatedClientSecret rotated) => new(
        rotated.ClientId, rotated.Secret, AdminTime.Format(rotated.RotatedAt),
        rotated.PreviousSecretValidUntil is { } until ? AdminTime.Format(until) : null);
}
