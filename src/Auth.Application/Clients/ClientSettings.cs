namespace Auth.Application.Clients;

/// <summary>
/// Per-client settings this service keeps with a client's registration, beside the authorization server's own
/// (written by the <see cref="Ports.IClientRegistry"/>, read where tokens are issued).
/// </summary>
public static class ClientSettings
{
    /// <summary>No refresh succeeds this long after the user signed in (a TimeSpan in "c" format).</summary>
    public const string RefreshTokenAbsoluteLifetime = "urn:auth:settings:refresh_token_absolute_lifetime";

    /// <summary>"true" when users must give a second factor (TOTP) to sign in to this client.</summary>
    public const string RequireMfa = "urn:auth:settings:require_mfa";

    /// <summary>The client's back-channel logout URI (OpenID Connect Back-Channel Logout 1.0 §2.2).</summary>
    public const string BackchannelLogoutUri = "urn:auth:settings:backchannel_logout_uri";

    /// <summary>"false" when the client does not need <c>sid</c> in its logout tokens; absent means it does.</summary>
    public const string BackchannelLogoutSessionRequired = "urn:auth:settings:backchannel_logout_session_required";

    /// <summary>The client's front-channel logout URI (OpenID Connect Front-Channel Logout 1.0 §2).</summary>
    public const string FrontchannelLogoutUri = "urn:auth:settings:frontchannel_logout_uri";

    /// <summary>"false" when the client's front-channel logout URI is loaded without <c>iss</c> and <c>sid</c>; absent means with them.</summary>
    public const string FrontchannelLogoutSessionRequired = "urn:auth:settings:frontchannel_logout_session_required";

    /// <summary>What the groups claim lists (<see cref="GroupsClaimValue"/>), when not displayNames.</summary>
    public const string GroupsClaim = "urn:auth:settings:groups_claim";

    /// <summary>"true" when every token request must carry a DPoP proof (RFC 9449 §5.2 dpop_bound_access_tokens).</summary>
    public const string RequireDPoP = "urn:auth:settings:require_dpop";

    /// <summary>The algorithm userinfo answers are signed with for the client (OpenID Connect Core §5.3.2); absent: plain JSON.</summary>
    public const string UserinfoSignedResponseAlg = "urn:auth:settings:userinfo_signed_response_alg";

    /// <summary>The one algorithm the client's request objects may use (<see cref="RequestObjectSigning"/>); absent: any.</summary>
    public const string RequestObjectSigningAlg = "urn:auth:settings:request_object_signing_alg";

    /// <summary>"true" when every authorization request must be a request object signed by the client (RFC 9101 §10.5).</summary>
    public const string RequireSignedRequestObject = "urn:auth:settings:require_signed_request_object";

    /// <summary>The URIs the client passes request objects by reference from (<see cref="RequestUriReference"/>), separated by spaces.</summary>
    public const string RequestUris = "urn:auth:settings:request_uris";

    /// <summary>The client's allowed CORS origins (<see cref="CorsOrigin"/>), normalized, sorted and separated by spaces.</summary>
    public const string AllowedCorsOrigins = "urn:auth:settings:allowed_cors_origins";

    /// <summary>Where the server fetches the client's private_key_jwt keys (RFC 7591 §2 jwks_uri).</summary>
    public const string JwksUri = "urn:auth:settings:jwks_uri";

    /// <summary>The client's logo, shown on the sign-in, consent and device pages (<see cref="ClientLinks"/>, logo_uri).</summary>
    public const string LogoUri = "urn:auth:settings:logo_uri";

    /// <summary>The client's privacy policy, linked from the sign-in, consent and device pages (policy_uri).</summary>
    public const string PolicyUri = "urn:auth:settings:policy_uri";

    /// <summary>The client's terms of service, linked from the sign-in, consent and device pages (tos_uri).</summary>
    public const string TermsOfServiceUri = "urn:auth:settings:tos_uri";

    /// <summary>The client's home page, linked from the sign-in, consent and device pages (client_uri).</summary>
    public const string ClientUri = "urn:auth:settings:client_uri";

    /// <summary>The e-mail addresses of the people responsible for the client (contacts), a list setting.</summary>
    public const string Contacts = "urn:auth:settings:contacts";

    /// <summary>A list setting (<see cref="AllowedCorsOrigins"/>, <see cref="RequestUris"/>): each value once, in the order given, separated by spaces.</summary>
    public static string List(IEnumerable<string> values) => string.Join(' ', values.Distinct(StringComparer.Ordinal));

    /// <summary>The values of a list setting (<see cref="List"/>; none of them holds a space); none when it is unset.</summary>
    public static IReadOnlyList<string> ListOf(string? setting) =>
        string.IsNullOrEmpty(setting) ? [] : setting.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
