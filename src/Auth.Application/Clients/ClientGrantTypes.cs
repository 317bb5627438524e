using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Application.Clients;

/// <summary>The grant types a client can be registered for.</summary>
public static class ClientGrantTypes
{
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        GrantTypes.ClientCredentials,
        GrantTypes.AuthorizationCode,
        GrantTypes.RefreshToken,
    };
}
