namespace Auth.Domain.IdentityProviders;

/// <summary>What kind of upstream OpenID Connect provider a definition names; Entra ID and Okta have rules of their own.</summary>
public enum ProviderKind
{
    Oidc,
    Entra,
    Okta,
}
