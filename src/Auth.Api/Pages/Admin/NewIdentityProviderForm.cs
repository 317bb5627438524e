using Auth.Application.IdentityProviders;

namespace Auth.Api.Pages.Admin;

/// <summary>
/// The console's form that registers an upstream identity provider (posted as <c>New.*</c>): what most providers need —
/// the kind (OpenID Connect, Microsoft Entra ID, Okta), the issuer or Entra tenant, the client this service is there,
/// its secret, the scopes asked for, the e-mail domains the provider owns, how a first sign-in finds its local user (by
/// user name, by a verified address in those domains, or a new user), upstream logout. The rest (claim names, linking
/// through a SCIM client's externalId, trusting its MFA, allowed tenants, <c>private_key_jwt</c>) keeps its defaults
/// here and is set through the admin API, the command line or the seed file. The secret is never shown back, not even
/// in a refused form.
/// </summary>
public sealed class NewIdentityProviderForm
{
    public static readonly IReadOnlyList<string> AuthenticationChoices = [IdentityProviderNames.ClientSecretBasic, IdentityProviderNames.ClientSecretPost];

    public string? Id { get; set; }

    public string? DisplayName { get; set; }

    public string? Kind { get; set; } = IdentityProviderNames.Oidc;

    public string? Issuer { get; set; }

    public string? Tenant { get; set; }

    public string? ClientId { get; set; }

    public string? ClientAuthentication { get; set; } = IdentityProviderNames.ClientSecretBasic;

    public string? ClientSecret { get; set; }

    /// <summary>Separated by spaces; empty: openid, profile and email.</summary>
    public string? Scopes { get; set; }

    /// <summary>One per line.</summary>
    public string? Domains { get; set; }

    /// <summary>Linking rule 2: a local user whose user name is the upstream's.</summary>
    public bool LinkUserName { get; set; }

    /// <summary>Linking rule 3: a local user with the same verified address, in one of <see cref="Domains"/>.</summary>
    public bool LinkVerifiedEmail { get; set; }

    /// <summary>A first sign-in nobody links creates a user.</summary>
    public bool JustInTime { get; set; }

    public bool UpstreamLogout { get; set; }

    public IdentityProviderDefinition ToDefinition() => new()
    {
        Id = Id?.Trim() ?? string.Empty,
        DisplayName = DisplayName?.Trim() ?? string.Empty,
        Kind = ConsolePage.Trimmed(Kind) ?? IdentityProviderNames.Oidc,
        Issuer = ConsolePage.Trimmed(Issuer),
        Tenant = ConsolePage.Trimmed(Tenant),
        ClientId = ClientId?.Trim() ?? string.Empty,
        ClientAuthentication = ConsolePage.Trimmed(ClientAuthentication) ?? IdentityProviderNames.ClientSecretBasic,
        ClientSecret = string.IsNullOrEmpty(ClientSecret) ? null : ClientSecret,
        Scopes = ConsolePage.Words(Scopes) is { Length: > 0 } scopes ? scopes : IdentityProviderDefinition.DefaultScopes,
        Domains = ConsolePage.Lines(Domains),
        Linking = new IdentityProviderLinking { UserName = LinkUserName, VerifiedEmail = LinkVerifiedEmail, JustInTime = JustInTime },
        UpstreamLogout = UpstreamLogout,
    };
}
