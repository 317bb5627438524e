namespace Auth.Application.IdentityProviders;

/// <summary>A stored provider read back as the definition it was registered from, so it can be checked by the same rules.</summary>
public static class StoredIdentityProvider
{
    public static IdentityProviderDefinition Definition(Domain.IdentityProviders.IdentityProvider provider, string? clientSecret) => new()
    {
        Id = provider.Id,
        DisplayName = provider.DisplayName,
        Kind = IdentityProviderNames.NameOf(provider.Kind),
        Issuer = provider.Issuer,
        Tenant = provider.Tenant,
        AllowedTenants = provider.AllowedTenantIds,
        ClientId = provider.ClientId,
        ClientAuthentication = IdentityProviderNames.NameOf(provider.ClientAuthentication),
        ClientSecret = clientSecret,
        Scopes = provider.ScopeList,
        Claims = new IdentityProviderClaims
        {
            Subject = provider.SubjectClaim,
            UserName = provider.UserNameClaim,
            Email = provider.EmailClaim,
            GivenName = provider.GivenNameClaim,
            FamilyName = provider.FamilyNameClaim,
            DisplayName = provider.DisplayNameClaim,
        },
        Domains = [.. provider.Domains.Select(d => d.Domain)],
        Linking = new IdentityProviderLinking
        {
            ExternalIdClaim = provider.ExternalIdClaim,
            ProvisioningClient = provider.ProvisioningClient,
            UserName = provider.LinkByUserName,
            VerifiedEmail = provider.LinkByVerifiedEmail,
            AllowAdditionalLinks = provider.AllowAdditionalLinks,
            JustInTime = provider.JustInTime,
        },
        Mfa = new IdentityProviderMfa { TrustUpstream = provider.TrustUpstreamMfa, AcrValues = provider.MfaAcrValueList },
        UpstreamLogout = provider.UpstreamLogout,
        Enabled = provider.Enabled,
    };
}
