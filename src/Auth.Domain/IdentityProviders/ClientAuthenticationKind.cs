namespace Auth.Domain.IdentityProviders;

/// <summary>
/// How this service authenticates to the upstream's token endpoint: exactly the one method the upstream application is
/// registered with (RFC 6749 §2.3.1, RFC 7523 §2.2), since Okta and oidc-provider refuse any other.
/// </summary>
public enum ClientAuthenticationKind
{
    ClientSecretBasic,
    ClientSecretPost,
    PrivateKeyJwt,
}
