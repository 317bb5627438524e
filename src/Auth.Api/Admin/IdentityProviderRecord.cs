using System.Text.Json.Serialization;
using Auth.Application.IdentityProviders;

namespace Auth.Api.Admin;

/// <summary>An identity provider as the admin API lists it: never its client secret or private key.</summary>
/// <param name="LinkingRules">The linking rules in force, in the order they are tried.</param>
public sealed record IdentityProviderRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("issuer")] string? Issuer,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_authentication")] string ClientAuthentication,
    [property: JsonPropertyName("has_client_secret")] bool HasClientSecret,
    [property: JsonPropertyName("signing_key_id")] string? SigningKeyId,
    [property: JsonPropertyName("domains")] IReadOnlyList<string> Domains,
    [property: JsonPropertyName("linking_rules")] IReadOnlyList<string> LinkingRules,
    [property: JsonPropertyName("enabled")] bool Enabled)
{
    public static IdentityProviderRecord From(IdentityProviderSummary p) => new(
        p.Id, p.DisplayName, p.Kind, p.Issuer, p.ClientId, p.ClientAuthentication, p.HasClientSecret, p.SigningKeyId, p.Domains, p.Rules, p.Enabled);
}
