using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auth.Application.Clients;

/// <summary>What an operator states about a client, in the seed file or on the command line.</summary>
public sealed record ClientDefinition
{
    public required string ClientId { get; init; }

    /// <summary>Null for a public client (a browser or native app that cannot keep a secret), or one with keys (<see cref="HasKeys"/>).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>
    /// The public keys (an RFC 7517 JSON Web Key Set) the client signs its private_key_jwt assertions with
    /// (RFC 7523 §2.2): a confidential client without a secret. A client has a secret or keys, not both.
    /// </summary>
    public JsonElement? Jwks { get; init; }

    /// <summary>
    /// Where the client publishes those keys instead (RFC 7591 §2 <c>jwks_uri</c>): the server fetches and caches them,
    /// so the client rotates its keys without a change here. A client has a secret, a jwks or a jwks URI: one of them.
    /// </summary>
    public string? JwksUri { get; init; }

    /// <summary>Whether the client signs private_key_jwt assertions (<see cref="Jwks"/> or <see cref="JwksUri"/>).</summary>
    public bool HasKeys => Jwks is not null || JwksUri is not null;

    /// <summary>Whether the client authenticates itself (RFC 6749 §2.1), with a secret or with keys.</summary>
    public bool IsConfidential => ClientSecret is not null || HasKeys;

    public string? DisplayName { get; init; }

    public IReadOnlyList<string> GrantTypes { get; init; } = [];

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    public IReadOnlyList<string> PostLogoutRedirectUris { get; init; } = [];

    /// <summary>
    /// The web origins (<see cref="CorsOrigin"/>) a browser app of this client calls the token, userinfo, revocation,
    /// discovery and JWKS endpoints from; a browser is let read those answers from an origin some client lists.
    /// </summary>
    public IReadOnlyList<string> AllowedCorsOrigins { get; init; } = [];

    /// <summary>Access-token lifetime in seconds; null takes the server's OAuth:AccessTokenLifetime.</summary>
    public int? AccessTokenLifetime { get; init; }

    /// <summary>Sliding refresh-token lifetime in seconds; null takes the server's OAuth:RefreshTokenLifetime.</summary>
    public int? RefreshTokenLifetime { get; init; }

    /// <summary>Seconds after sign-in when refreshing stops; null takes the server's OAuth:RefreshTokenAbsoluteLifetime.</summary>
    public int? RefreshTokenAbsoluteLifetime { get; init; }

    /// <summary>First-party clients skip the consent page.</summary>
    public bool FirstParty { get; init; } = true;

    /// <summary>Users must give a second factor to sign in to this client; those without one enrol first.</summary>
    public bool RequireMfa { get; init; }

    /// <summary>Whether a confidential client must send a PKCE challenge (public clients always must).</summary>
    public bool RequirePkce { get; init; } = true;

    /// <summary>
    /// The client sends every authorization request through the pushed authorization request endpoint (RFC 9126 §6,
    /// <c>require_pushed_authorization_requests</c>); a plain one is refused. Only for the authorization_code grant.
    /// </summary>
    public bool RequirePushedAuthorizationRequests { get; init; }

    /// <summary>
    /// Every token request must carry a DPoP proof, so each access token is bound to the client's key (RFC 9449 §5.2,
    /// <c>dpop_bound_access_tokens</c>). Without it a proof is allowed, not required.
    /// </summary>
    public bool RequireDPoP { get; init; }

    /// <summary>
    /// The userinfo endpoint answers the client with a JWT signed with this algorithm (OpenID Connect Core §5.3.2,
    /// Dynamic Client Registration §2 <c>userinfo_signed_response_alg</c>): RS256, the one this server signs with. Null:
    /// plain JSON.
    /// </summary>
    public string? UserinfoSignedResponseAlg { get; init; }

    /// <summary>
    /// The one algorithm the client's request objects may use (OpenID Connect Dynamic Client Registration §2
    /// <c>request_object_signing_alg</c>): <c>none</c> (unsigned ones only) or one of
    /// <see cref="ClientKeySet.SigningAlgorithms"/>, checked with the client's keys. Null: any of
    /// <see cref="RequestObjectSigning.Algorithms"/>.
    /// </summary>
    public string? RequestObjectSigningAlg { get; init; }

    /// <summary>
    /// Every authorization request of the client, sent to the authorization endpoint or pushed, is a request object it
    /// signed (RFC 9101 §10.5 <c>require_signed_request_object</c>); a plain or unsigned one is refused, and nothing in the
    /// URL beside the object counts. Only for a client with keys and the authorization_code grant.
    /// </summary>
    public bool RequireSignedRequestObject { get; init; }

    /// <summary>
    /// Where the client publishes request objects it passes by reference (OpenID Connect Core §6.2 <c>request_uri</c>,
    /// Dynamic Client Registration §2 <c>request_uris</c>): the only URIs the server fetches one from
    /// (<see cref="RequestUriReference"/>). Only with the authorization_code grant.
    /// </summary>
    public IReadOnlyList<string> RequestUris { get; init; } = [];

    /// <summary>
    /// Where logout tokens are POSTed when a session the client took part in ends (OpenID Connect Back-Channel Logout 1.0
    /// §2.2, <c>backchannel_logout_uri</c>): an absolute https URL, or http on a loopback host; no fragment. Null: none sent.
    /// </summary>
    public string? BackchannelLogoutUri { get; init; }

    /// <summary>
    /// The client needs the <c>sid</c> claim in logout tokens (<c>backchannel_logout_session_required</c>, §2.2). This
    /// service always sends it; the setting is kept and shown for the client's registration.
    /// </summary>
    public bool BackchannelLogoutSessionRequired { get; init; } = true;

    /// <summary>
    /// The page the user's browser loads, in an iframe of the sign-out page, when a session the client took part in
    /// ends there (OpenID Connect Front-Channel Logout 1.0 §2, <c>frontchannel_logout_uri</c>): an absolute https URL,
    /// or http on a loopback host, with the scheme, host and port of one of the client's redirect URIs; no fragment.
    /// Null: none loaded.
    /// </summary>
    public string? FrontchannelLogoutUri { get; init; }

    /// <summary>
    /// The front-channel logout URI is loaded with <c>iss</c> and <c>sid</c> added to its query, which name the session
    /// that ended (<c>frontchannel_logout_session_required</c>, §2).
    /// </summary>
    public bool FrontchannelLogoutSessionRequired { get; init; } = true;

    /// <summary>
    /// The client's logo, shown to its users on the sign-in, consent and device pages (Dynamic Client Registration §2
    /// <c>logo_uri</c>, <see cref="ClientLinks"/>). Null: none.
    /// </summary>
    public string? LogoUri { get; init; }

    /// <summary>The client's privacy policy, linked from the sign-in, consent and device pages (<c>policy_uri</c>). Null: none.</summary>
    public string? PolicyUri { get; init; }

    /// <summary>The client's terms of service, linked from the sign-in, consent and device pages (<c>tos_uri</c>). Null: none.</summary>
    public string? TosUri { get; init; }

    /// <summary>The client's home page, linked ("its website") from the sign-in, consent and device pages (<c>client_uri</c>). Null: none.</summary>
    public string? ClientUri { get; init; }

    /// <summary>
    /// E-mail addresses of the people responsible for the client (<c>contacts</c>, <see cref="ClientContacts"/>), for the
    /// operators who read its registration; no page shows them to users. Empty: none.
    /// </summary>
    public IReadOnlyList<string> Contacts { get; init; } = [];

    /// <summary>What the groups claim lists (<see cref="GroupsClaimValue"/>); null lists displayNames.</summary>
    public string? GroupsClaim { get; init; }

    /// <summary>
    /// The client's own role names, each with the groups (displayName or id) whose members hold it; the roles claim
    /// of this client's tokens lists the user's.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// The client registered itself (RFC 7591): set by dynamic registration alone (never read from a seed file), stored
    /// with the client (<see cref="ClientProperties.SelfRegistered"/>) when it registers and again at each RFC 7592
    /// replacement (a client registered before the mark existed gets it then), and never cleared by a later definition,
    /// so that every URI the server calls for it goes through the address guard, whoever set the URI.
    /// </summary>
    [JsonIgnore]
    public bool SelfRegistered { get; init; }
}
