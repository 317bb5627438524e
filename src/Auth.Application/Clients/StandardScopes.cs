using Auth.Application.Mfa;

namespace Auth.Application.Clients;

/// <summary>
/// The scopes the server defines itself: OpenID Connect's (OpenID Connect Core §5.4, §11), groups and the MFA API's. They
/// cannot be registered, and clients may list them without registration.
/// </summary>
public static class StandardScopes
{
    public const string OpenId = "openid";

    public const string Profile = "profile";

    public const string Email = "email";

    public const string OfflineAccess = "offline_access";

    /// <summary>The user's directory groups in the groups claim (the displayNames of their SCIM groups).</summary>
    public const string Groups = "groups";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        OpenId,
        Profile,
        Email,
        OfflineAccess,
        Groups,
        MfaScope.Name,
    };

    /// <summary>
    /// Scopes that only mean something for a signed-in user: a client acting for itself (client_credentials) asking
    /// for one gets invalid_scope, since the token would describe, or act for, the client as if it were a user.
    /// </summary>
    public static readonly IReadOnlySet<string> UserOnly = All;
}
