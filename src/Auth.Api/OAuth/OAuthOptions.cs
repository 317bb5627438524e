using System.ComponentModel.DataAnnotations;

namespace Auth.Api.OAuth;

/// <summary>OAuth server settings bound from the <c>OAuth</c> section.</summary>
public sealed class OAuthOptions
{
    public const string Section = "OAuth";

    /// <summary>
    /// The issuer identifier (RFC 8414 §2). Fixed by configuration so that the Host or X-Forwarded-Host of a
    /// request can never change what discovery and tokens say.
    /// </summary>
    [Required]
    public Uri Issuer { get; set; } = new("http://localhost:3001/");

    /// <summary>Default access-token lifetime; a client's own setting wins.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An authorization code must be redeemed this soon (RFC 6749 §4.1.2 recommends at most 10 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:10:00")]
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Sliding lifetime: each refresh token is good this long after it was issued; a client's own setting wins.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Absolute lifetime: no refresh succeeds this long after the user signed in; a client's own setting wins.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan RefreshTokenAbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a used refresh token may be presented again without being treated as stolen. OpenIddict's default is
    /// 30 s; here it is 0, so any second use revokes the whole token family (RFC 9700 §4.14.2).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The pushed authorization request endpoint (RFC 9126) is served and advertised in discovery. Off, clients
    /// registered with requirePushedAuthorizationRequests cannot sign users in.
    /// </summary>
    public bool PushedAuthorizationRequests { get; set; } = true;

    /// <summary>
    /// How long a pushed request's <c>request_uri</c> stays usable (its <c>expires_in</c>). It must cover the user's
    /// sign-in, second factor and consent: the request is read again when the user comes back from each, and is spent
    /// only when the authorization code is issued. FAPI 2.0 asks for less than 10 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:10:00")]
    public TimeSpan PushedAuthorizationRequestLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The device authorization grant (RFC 8628): <c>POST /oauth/device</c>, the <c>/device</c> page and the
    /// device_code grant, served and advertised in discovery.
    /// </summary>
    public bool DeviceAuthorization { get; set; } = true;

    /// <summary>How long a device code and its user code last: the user has this long to enter the code and approve.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "00:30:00")]
    public TimeSpan DeviceCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// DPoP (RFC 9449): a token request with a DPoP proof gets access tokens bound to the proof's key (cnf.jkt,
    /// token_type DPoP), and the service's own APIs and userinfo take such tokens with the DPoP scheme and a proof;
    /// discovery advertises dpop_signing_alg_values_supported. Off, DPoP headers are ignored at the token endpoint,
    /// the DPoP scheme is not accepted, and clients registered with requireDPoP cannot get tokens.
    /// </summary>
    public bool DPoP { get; set; } = true;

    /// <summary>
    /// Every DPoP proof must carry a server nonce (RFC 9449 §8, §9): a proof without one is answered use_dpop_nonce with
    /// a DPoP-Nonce header, which costs each client one more round trip per nonce lifetime. A proof that carries a
    /// nonce must carry a current one whether or not this is on.
    /// </summary>
    public bool DPoPNonceRequired { get; set; }

    /// <summary>How old a DPoP proof's iat may be (RFC 9449 §11.1): also how long its jti is remembered to refuse a replay.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:05:00")]
    public TimeSpan DPoPProofLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The token-exchange grant (RFC 8693): a client registered for it trades a user's access token of this issuer for a
    /// narrower one, and discovery lists the grant. False refuses it as unsupported_grant_type.
    /// </summary>
    public bool TokenExchange { get; set; } = true;

    /// <summary>
    /// OpenID Connect Front-Channel Logout 1.0: signing out at the end-session endpoint loads the front-channel logout
    /// URIs of the session's clients in the browser on the way out, and discovery says so. False signs out with the
    /// redirect alone and advertises nothing (back-channel logout has its own switch).
    /// </summary>
    public bool FrontChannelLogout { get; set; } = true;

    /// <summary>
    /// The most groups the groups claim lists; a user in more gets <c>hasgroups: true</c> instead, as Microsoft Entra ID
    /// does past 200, so tokens stay a size that clients, proxies and headers accept.
    /// </summary>
    [Range(1, 1000)]
    public int MaxGroupsInTokens { get; set; } = Auth.Application.Groups.TokenMemberships.DefaultMaximumGroups;

    /// <summary>
    /// Clients with keys (a jwks) may authenticate with a private_key_jwt assertion (RFC 7523 §2.2, OpenID Connect Core
    /// §9), and discovery says so. False refuses every assertion and advertises client secrets only.
    /// </summary>
    public bool PrivateKeyJwt { get; set; } = true;

    /// <summary>
    /// How long the keys fetched from a client's jwks_uri are used before they are fetched again. An assertion whose
    /// kid is not among them fetches them at once (at most every 30 seconds per client).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")]
    public TimeSpan ClientJwksCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The service sits behind a proxy that terminates TLS and forwards plain HTTP: the issuer is the proxy's https
    /// address, and the scheme of each request is what a trusted proxy says in X-Forwarded-Proto. Start-up refuses it
    /// with an http issuer or with no trusted proxy configured.
    /// </summary>
    public bool BehindTlsProxy { get; set; }
}
