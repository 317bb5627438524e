using System.Text.Json.Serialization;

namespace Auth.Api.Admin;

/// <summary>
/// The body of POST /admin/v1/clients/{client_id}/secret: how long the replaced secret keeps working, as a time
/// (RFC 3339) or as seconds, at most 30 days. Neither (or no body) ends it at once.
/// </summary>
public sealed record SecretRotationRequest(
    [property: JsonPropertyName("previous_secret_valid_until")] DateTimeOffset? PreviousSecretValidUntil = null,
    [property: JsonPropertyName("previous_secret_valid_for")] int? PreviousSecretValidFor = null);
