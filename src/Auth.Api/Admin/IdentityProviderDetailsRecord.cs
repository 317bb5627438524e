using System.Text.Json.Serialization;
using Auth.Application.IdentityProviders;

namespace Auth.Api.Admin;

/// <summary>
/// One identity provider as registered, in the shape <see cref="IdentityProviderBody"/> takes (so it can be sent back
/// changed), with what only the service knows: whether a secret is stored, the <c>private_key_jwt</c> key's id and
/// certificate, the version (also the ETag) and the times. Never the secret or the private key.
/// </summary>
public sealed record IdentityProviderDetailsRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("issuer")] string? Issuer,
    [property: JsonPropertyName("tenant")] string? Tenant,
    [property: JsonPropertyName("allowed_tenants")] IReadOnlyList<string> AllowedTenants,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_authentication")] string ClientAuthentication,
    [property: JsonPropertyName("has_client_secret")] bool HasClientSecret,
    [property: JsonPropertyName("signing_key_id")] string? SigningKeyId,
    [property: JsonPropertyName("certificate_pem")] string? CertificatePem,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("claims")] IdentityProviderClaimsRecord Claims,
    [property: JsonPropertyName("domains")] IReadOnlyList<string> Domains,
    [property: JsonPropertyName("linking")] IdentityProviderLinkingRecord Linking,
    [property: JsonPropertyName("mfa")] IdentityProviderMfaRecord Mfa,
    [property: JsonPropertyName("upstream_logout")] bool UpstreamLogout,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("updated_at")] string UpdatedAt)
{
    public static IdentityProviderDetailsRecord From(IdentityProviderDetails provider)
    {
        var d = provider.Definition;
        return new(
            d.Id, d.DisplayName, d.Kind, d.Issuer, d.Tenant, d.AllowedTenants, d.ClientId, d.ClientAuthentication,
            provider.HasClientSecret, provider.SigningKeyId, provider.CertificatePem, d.Scopes,
            IdentityProviderClaimsRecord.From(d.Claims), d.Domains, IdentityProviderLinkingRecord.From(d.Linking),
            IdentityProviderMfaRecord.From(d.Mfa), d.UpstreamLogout, d.Enabled, provider.Version,
            AdminTime.Format(provider.CreatedAt), AdminTime.Format(provider.UpdatedAt));
    }
}
