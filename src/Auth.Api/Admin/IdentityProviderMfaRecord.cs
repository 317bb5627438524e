using System.Text.Json.Serialization;
using Auth.Application.IdentityProviders;

namespace Auth.Api.Admin;

/// <summary>Whether the upstream's multi-factor sign-in counts here (the seed file's <c>mfa</c>).</summary>
public sealed record IdentityProviderMfaRecord(
    [property: JsonPropertyName("trust_upstream")] bool TrustUpstream = false,
    [property: JsonPropertyName("acr_values")] IReadOnlyList<string>? AcrValues = null)
{
    public IdentityProviderMfa ToMfa() => new() { TrustUpstream = TrustUpstream, AcrValues = AcrValues ?? [] };

    public static IdentityProviderMfaRecord From(IdentityProviderMfa mfa) => new(mfa.TrustUpstream, mfa.AcrValues);
}
