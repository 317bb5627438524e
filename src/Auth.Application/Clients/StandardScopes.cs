using OidcScopes = OpenIddict.Abstractions.OpenIddictConstants.Scopes;

namespace Auth.Application.Clients;

/// <summary>The OpenID Connect scopes the server knows without registration (OpenID Connect Core §5.4, §11).</summary>
public static class StandardScopes
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        OidcScopes.OpenId,
        OidcScopes.Profile,
        OidcScopes.Email,
        OidcScopes.OfflineAccess,
    };
}
