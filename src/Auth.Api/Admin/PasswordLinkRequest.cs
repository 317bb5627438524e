using System.Text.Json.Serialization;

namespace Auth.Api.Admin;

/// <summary>
/// The body of POST /admin/v1/users/{id}/password-link: how long the link works, in seconds (24 hours when absent), and
/// whether the service e-mails it to the user's primary address instead of returning it.
/// </summary>
public sealed record PasswordLinkRequest(
    [property: JsonPropertyName("valid_for")] long? ValidFor = null,
    [property: JsonPropertyName("send")] bool Send = false);
