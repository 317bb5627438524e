using System.Text.Json.Serialization;
using Auth.Application.IdentityProviders;

namespace Auth.Api.Admin;

/// <summary>
/// An identity provider as the admin API takes it: the seed file's <c>identityProviders[]</c> entry with its members
/// in snake_case (docs/seed-file.md), defaults included. The whole definition, the client secret too, on every write:
/// a secret is never read back, so a replacement cannot keep it by leaving it out.
/// </summary>
public sealed record IdentityProviderBody(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("kind")] string? Kind = null,
    [property: JsonPropertyName("issuer")] string? Issuer = null,
    [property: JsonPropertyName("tenant")] string? Tenant = null,
    [property: JsonPropertyName("allowed_tenants")] IReadOnlyList<string>? AllowedTenants = null,
    [property: JsonPropertyName("client_authentication")] string? ClientAuthentication = null,
    [property: JsonPropertyName("client_secret")] string? ClientSecret = null,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string>? Scopes = null,
    [property: JsonPropertyName("claims")] IdentityProviderClaimsRecord? Claims = null,
    [property: JsonPropertyName("domains")] IReadOnlyList<string>? Domains = null,
    [property: JsonPropertyName("linking")] IdentityProviderLinkingRecord? Linking = null,
    [property: JsonPropertyName("mfa")] IdentityProviderMfaRecord? Mfa = null,
    [property: JsonPropertyName("upstream_logout")] bool UpstreamLogout = false,
    [property: JsonPropertyName("enabled")] bool Enabled = true)
{
    // Null ids and names reach the definition's validator, which names the field at fault.
    public IdentityProviderDefinition ToDefinition() => new()
    {
        Id = Id!,
        DisplayName = DisplayName!,
        Kind = Kind ?? IdentityProviderNames.Oidc,
        Issuer = Issuer,
        Tenant = Tenant,
        AllowedTenants = AllowedTenants ?? [],
        ClientId = ClientId!,
        ClientAuthentication = ClientAuthentication ?? IdentityProviderNames.ClientSecretBasic,
        ClientSecret = ClientSecret,
        Scopes = Scopes ?? IdentityProviderDefinition.DefaultScopes,
        Claims = Claims?.ToClaims() ?? new IdentityProviderClaims(),
        Domains = Domains ?? [],
        Linking = Linking?.ToLinking() ?? new IdentityProviderLinking(),
        Mfa = Mfa?.ToMfa() ?? new IdentityProviderMfa(),
        UpstreamLogout = UpstreamLogout,
        Enabled = Enabled,
    };
}
