namespace Auth.Domain.IdentityProviders;

/// <summary>Why an upstream identity was not let in; the HTTP edge shows one page for all of them and audits which.</summary>
public enum LinkRefusal
{
    /// <summary>The provider is unknown or disabled.</summary>
    ProviderUnavailable,

    /// <summary>The token has no value for the provider's subject claim (or, for Entra, no <c>tid</c>).</summary>
    NoSubject,

    /// <summary>Entra: the token's tenant is not the configured one, or not among the allowed tenants.</summary>
    WrongTenant,

    /// <summary>Multi-tenant Entra: <c>iss</c> does not name the token's own tenant.</summary>
    WrongIssuer,

    /// <summary>The linked user (or the one match) is deactivated.</summary>
    UserInactive,

    /// <summary>The linked user was deleted and the directory has not provisioned them again.</summary>
    UserDeleted,

    /// <summary>No local user matches and just-in-time creation is off.</summary>
    NoMatch,

    /// <summary>More than one local user matches: never pick one.</summary>
    Ambiguous,

    /// <summary>The one match is linked to another provider, which the provider's rules do not allow.</summary>
    LinkedElsewhere,

    /// <summary>The one match is already linked to another identity of this provider.</summary>
    AlreadyLinked,

    /// <summary>Just-in-time creation: the upstream's user name is taken; creation never merges into an account.</summary>
    UserNameTaken,

    /// <summary>Just-in-time creation: the upstream sent no user name this service accepts.</summary>
    InvalidUserName,
}
