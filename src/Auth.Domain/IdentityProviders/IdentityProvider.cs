namespace Auth.Domain.IdentityProviders;

/// <summary>
/// An upstream OpenID Connect provider people sign in with (Microsoft Entra ID, Okta, any other), and the rules by which
/// its identities become local users. Its id names it everywhere: the callback path, the links, the audit log.
/// </summary>
public sealed class IdentityProvider
{
    /// <summary>Entra's tenant names that let any organization's accounts in (multi-tenant applications).</summary>
    public static readonly IReadOnlyList<string> MultiTenantNames = ["organizations", "common"];

    /// <summary>Where Entra's issuers live: <c>{authority}{tenant}/v2.0</c>.</summary>
    public const string EntraAuthority = "https://login.microsoftonline.com/";

    private IdentityProvider()
    {
    }

    public IdentityProvider(string id, DateTimeOffset now)
    {
        Id = id;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public string Id { get; private set; } = default!;

    public string DisplayName { get; set; } = default!;

    public ProviderKind Kind { get; set; }

    /// <summary>The issuer whose discovery document describes the provider; for Entra, derived from <see cref="Tenant"/> when null.</summary>
    public string? Issuer { get; set; }

    /// <summary>Entra: a tenant id, or <c>organizations</c>/<c>common</c> for a multi-tenant application.</summary>
    public string? Tenant { get; set; }

    /// <summary>Multi-tenant Entra: the tenant ids (space-separated) whose accounts may sign in.</summary>
    public string? AllowedTenants { get; set; }

    public string ClientId { get; set; } = default!;

    /// <summary>Encrypted with the master-key-protected key ring; read back only by the catalog that hands it to the client.</summary>
    public string? ProtectedClientSecret { get; set; }

    public ClientAuthenticationKind ClientAuthentication { get; set; }

    /// <summary><c>private_key_jwt</c>: the PKCS#8 private key, encrypted like the secret.</summary>
    public string? ProtectedSigningKey { get; set; }

    /// <summary><c>private_key_jwt</c>: the DER certificate of the key, which the upstream application is given.</summary>
    public byte[]? SigningCertificate { get; set; }

    public string? SigningKeyId { get; set; }

    /// <summary>Space-separated; always contains <c>openid</c>.</summary>
    public string Scopes { get; set; } = "openid";

    /// <summary>The upstream claim that names a person for good: <c>sub</c>, or <c>oid</c> for Entra.</summary>
    public string SubjectClaim { get; set; } = "sub";

    public string UserNameClaim { get; set; } = "preferred_username";

    public string EmailClaim { get; set; } = "email";

    public string GivenNameClaim { get; set; } = "given_name";

    public string FamilyNameClaim { get; set; } = "family_name";

    public string DisplayNameClaim { get; set; } = "name";

    /// <summary>Link rule 1: the upstream claim compared with the externalId <see cref="ProvisioningClient"/> set over SCIM.</summary>
    public string? ExternalIdClaim { get; set; }

    /// <summary>
    /// The SCIM client that provisions this provider's people. When set, the provider may link only users this client
    /// provisioned; otherwise only users whose name or address is in one of its <see cref="Domains"/>.
    /// </summary>
    public string? ProvisioningClient { get; set; }

    public bool LinkByUserName { get; set; }

    public bool LinkByVerifiedEmail { get; set; }

    /// <summary>Whether a user already linked to another provider may be linked to this one too.</summary>
    public bool AllowAdditionalLinks { get; set; }

    /// <summary>Whether a person no rule matches gets a new local user (just-in-time creation).</summary>
    public bool JustInTime { get; set; }

    public bool TrustUpstreamMfa { get; set; }

    /// <summary>Space-separated <c>acr</c> values that count as multi-factor when the upstream's MFA is trusted.</summary>
    public string? MfaAcrValues { get; set; }

    public bool UpstreamLogout { get; set; }

    public bool Enabled { get; set; } = true;

    public List<IdentityProviderDomain> Domains { get; private set; } = [];

    /// <summary>Incremented by every change, so every node's catalog sees that a provider changed.</summary>
    public long Version { get; private set; } = 1;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Entra with <c>organizations</c> or <c>common</c>: its <c>email</c> claim is not the tenant's to vouch for.</summary>
    public bool IsMultiTenant => Kind == ProviderKind.Entra && MultiTenantNames.Contains(Tenant ?? string.Empty, StringComparer.OrdinalIgnoreCase);

    /// <summary>The issuer discovery starts from: the configured one, else for Entra the tenant's.</summary>
    public string? EffectiveIssuer => Issuer ?? (Kind == ProviderKind.Entra && Tenant is not null ? $"{EntraAuthority}{Tenant}/v2.0" : null);

    public IReadOnlyList<string> AllowedTenantIds => Split(AllowedTenants);

    public IReadOnlyList<string> ScopeList => Split(Scopes);

    public IReadOnlyList<string> MfaAcrValueList => Split(MfaAcrValues);

    public bool OwnsDomain(string? domain) => domain is not null && Domains.Any(d => d.Domain == domain);

    public void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    public static string? Join(IEnumerable<string> values)
    {
        var joined = string.Join(' ', values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal));
        return joined.Length == 0 ? null : joined;
    }

    private static string[] Split(string? values) => values?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
}
