namespace Auth.Api.SignIn;

/// <summary>What the principals of the sign-in cookies say about how and when the user signed in.</summary>
public static class SessionClaims
{
    /// <summary>
    /// The server-side session's id: the only claim the session cookie itself carries. The same value is the ID
    /// token's <c>sid</c> (OpenID Connect Front-Channel Logout 1.0 §3, Back-Channel Logout 1.0 §2.4).
    /// </summary>
    public const string SessionId = "sid";

    /// <summary>The user's security stamp when the password was given; a different stamp ends a pending second factor.</summary>
    public const string SecurityStamp = "urn:auth:security_stamp";

    /// <summary>The authentication methods used (RFC 8176 values, one claim each).</summary>
    public const string AuthenticationMethod = OpenIddict.Abstractions.OpenIddictConstants.Claims.AuthenticationMethodReference;

    /// <summary>
    /// When the user authenticated, to the full precision of the store (ISO 8601 round-trip), so a short max_age is
    /// measured exactly; tokens say it in whole seconds (<c>auth_time</c>).
    /// </summary>
    public const string AuthenticatedAt = "urn:auth:authenticated_at";

    /// <summary>
    /// The upstream provider the person signed in at: in the session, and between an upstream sign-in and the local
    /// second factor. The same value is the tokens' <c>idp</c>, present only after a federated sign-in.
    /// </summary>
    public const string IdentityProvider = "idp";

    /// <summary>Between an upstream sign-in and the local second factor: the upstream's ID token, for a logout there.</summary>
    public const string UpstreamIdToken = "urn:auth:upstream_id_token";
}
