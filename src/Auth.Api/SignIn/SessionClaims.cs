namespace Auth.Api.SignIn;

/// <summary>What the sign-in session cookie records about how and when the user signed in.</summary>
public static class SessionClaims
{
    /// <summary>The user's security stamp when the session began; a different stamp now ends the session.</summary>
    public const string SecurityStamp = "urn:auth:security_stamp";

    /// <summary>The authentication methods used (RFC 8176 values, one claim each).</summary>
    public const string AuthenticationMethod = OpenIddict.Abstractions.OpenIddictConstants.Claims.AuthenticationMethodReference;

    /// <summary>When the user authenticated, in seconds since the Unix epoch (OpenID Connect Core §2 auth_time).</summary>
    public const string AuthenticationTime = OpenIddict.Abstractions.OpenIddictConstants.Claims.AuthenticationTime;
}
