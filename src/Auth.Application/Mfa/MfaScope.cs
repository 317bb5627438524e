using Auth.Application.Scopes;

namespace Auth.Application.Mfa;

/// <summary>
/// The scope the MFA API (<c>/mfa/totp</c>) requires, and the audience it puts into access tokens. It is built in:
/// registered at every start with this resource (so it cannot drift), granted to a client only through the client's
/// scope permissions, and to a third-party client only through a consent that names it.
/// </summary>
public static class MfaScope
{
    public const string Name = "mfa";

    /// <summary>The access token's <c>aud</c> for the MFA API; no client id can take this form, so no client is its audience.</summary>
    public const string Resource = "urn:auth:mfa";

    /// <summary>What the consent page says the scope allows.</summary>
    public const string ConsentText = "Add, replace or remove your authenticator app";

    public static readonly ScopeDefinition Definition = new()
    {
        Name = Name,
        DisplayName = ConsentText,
        Description = "Manage the user's TOTP authenticator and recovery codes through the MFA API.",
        Resources = [Resource],
    };
}
