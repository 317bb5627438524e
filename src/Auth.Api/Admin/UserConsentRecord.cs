using System.Text.Json.Serialization;
using Auth.Application.Ports;

namespace Auth.Api.Admin;

/// <summary>What a user allowed one third-party client: its scopes, and when first given.</summary>
public sealed record UserConsentRecord(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("given_at")] string? GivenAt)
{
    public static UserConsentRecord From(GivenConsent consent) =>
        new(consent.ClientId, consent.Scopes, consent.GivenAt is { } at ? AdminTime.Format(at) : null);
}
