using System.Text;

namespace Auth.Application.IdentityProviders;

/// <summary>
/// What an operator states about an upstream identity provider, in the seed file (<c>identityProviders[]</c>), in
/// configuration or on the command line. Names are those of the seed file; see docs/seed-file.md.
/// </summary>
public sealed record IdentityProviderDefinition
{
    public static readonly IReadOnlyList<string> DefaultScopes = ["openid", "profile", "email"];

    public required string Id { get; init; }

    public required string DisplayName { get; init; }

    /// <summary><c>oidc</c> (default), <c>entra</c> or <c>okta</c> (<see cref="IdentityProviderNames.Kinds"/>).</summary>
    public string Kind { get; init; } = IdentityProviderNames.Oidc;

    /// <summary>The issuer whose discovery document is read; for <c>entra</c>, derived from <see cref="Tenant"/> when absent.</summary>
    public string? Issuer { get; init; }

    /// <summary>Entra: the tenant id, or <c>organizations</c>/<c>common</c> for a multi-tenant application.</summary>
    public string? Tenant { get; init; }

    /// <summary>Multi-tenant Entra: the tenant ids whose accounts may sign in.</summary>
    public IReadOnlyList<string> AllowedTenants { get; init; } = [];

    public required string ClientId { get; init; }

    /// <summary><c>client_secret_basic</c> (default), <c>client_secret_post</c> or <c>private_key_jwt</c>.</summary>
    public string ClientAuthentication { get; init; } = IdentityProviderNames.ClientSecretBasic;

    /// <summary>Stored encrypted; never printed back. Required with the two secret methods, refused with <c>private_key_jwt</c>.</summary>
    public string? ClientSecret { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = DefaultScopes;

    public IdentityProviderClaims Claims { get; init; } = new();

    /// <summary>The e-mail domains the provider owns: home-realm discovery, and the users it may link without a provisioning client.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    public IdentityProviderLinking Linking { get; init; } = new();

    public IdentityProviderMfa Mfa { get; init; } = new();

    /// <summary>Whether logging out here also sends the person to the upstream's end-session endpoint.</summary>
    public bool UpstreamLogout { get; init; }

    public bool Enabled { get; init; } = true;

    // A record prints every member: the secret must not reach a log line, an exception or a debugger's display.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Kind = ").Append(Kind).Append(", Issuer = ").Append(Issuer)
            .Append(", ClientId = ").Append(ClientId).Append(", ClientAuthentication = ").Append(ClientAuthentication)
            .Append(", ClientSecret = ").Append(ClientSecret is null ? "null" : "***");
        return true;
    }
}

/// <summary>Which upstream claim gives what; null takes the default (<c>sub</c>, or <c>oid</c> for Entra, for the subject).</summary>
public sealed record IdentityProviderClaims
{
    public string? Subject { get; init; }

    public string UserName { get; init; } = "preferred_username";

    public string Email { get; init; } = "email";

    public string GivenName { get; init; } = "given_name";

    public string FamilyName { get; init; } = "family_name";

    public string DisplayName { get; init; } = "name";
}

/// <summary>How a first sign-in finds its local user (docs/security.md, "Linking to local users").</summary>
public sealed record IdentityProviderLinking
{
    /// <summary>Rule 1: the upstream claim that equals the externalId <see cref="ProvisioningClient"/> set over SCIM.</summary>
    public string? ExternalIdClaim { get; init; }

    /// <summary>The SCIM client that provisions the provider's people; when set, only its users can be linked.</summary>
    public string? ProvisioningClient { get; init; }

    /// <summary>Rule 2: the user name equals the upstream's user name claim.</summary>
    public bool UserName { get; init; }

    /// <summary>Rule 3: a verified address on both sides, in one of the provider's domains; never for multi-tenant Entra.</summary>
    public bool VerifiedEmail { get; init; }

    public bool AllowAdditionalLinks { get; init; }

    public bool JustInTime { get; init; }
}

public sealed record IdentityProviderMfa
{
    /// <summary>Whether the upstream's multi-factor sign-in (<c>amr</c> with <c>mfa</c>, or one of <see cref="AcrValues"/>) counts here.</summary>
    public bool TrustUpstream { get; init; }

    public IReadOnlyList<string> AcrValues { get; init; } = [];
}
