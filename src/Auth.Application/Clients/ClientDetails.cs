namespace Auth.Application.Clients;

/// <summary>
/// Everything an operator stated about a client (<see cref="ClientDefinition"/>) except its secret, which is stored
/// hashed and never shown: whether it has one is <see cref="ClientType"/>.
/// </summary>
/// <param name="ClientType">"confidential" or "public" (RFC 6749 §2.1).</param>
/// <param name="AccessTokenLifetime">Seconds; null takes the server's OAuth:AccessTokenLifetime.</param>
/// <param name="RefreshTokenLifetime">Seconds; null takes the server's OAuth:RefreshTokenLifetime.</param>
/// <param name="RefreshTokenAbsoluteLifetime">Seconds; null takes the server's OAuth:RefreshTokenAbsoluteLifetime.</param>
/// <param name="GroupsClaim">What the groups claim lists (<see cref="GroupsClaimValue"/>).</param>
/// <param name="Roles">The client's role names, each with the groups whose members hold it.</param>
public sealed record ClientDetails(
    string ClientId,
    string? DisplayName,
    string ClientType,
    bool FirstParty,
    bool RequirePkce,
    bool RequireMfa,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    int? AccessTokenLifetime,
    int? RefreshTokenLifetime,
    int? RefreshTokenAbsoluteLifetime,
    string GroupsClaim,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Roles)
{
    /// <summary>Whether the client has a secret (RFC 6749 §2.1).</summary>
    public bool IsConfidential => ClientType == "confidential";

    /// <summary>
    /// The stored registration's version (OpenIddict's concurrency token, new on every change, a change to the roles
    /// alone too: <see cref="UpdateClient"/>, <see cref="RegisterClient"/>); the admin API's ETag.
    /// </summary>
    public string? Version { get; init; }

    /// <summary>Every authorization request must be pushed first (RFC 9126 §6).</summary>
    public bool RequirePushedAuthorizationRequests { get; init; }

    /// <summary>Every token request must carry a DPoP proof (RFC 9449 §5.2).</summary>
    public bool RequireDPoP { get; init; }

    /// <summary>The web origins a browser app of the client calls the server from (<see cref="CorsOrigin"/>), as stored.</summary>
    public IReadOnlyList<string> AllowedCorsOrigins { get; init; } = [];

    /// <summary>The algorithm userinfo answers are signed with for the client (OpenID Connect Core §5.3.2); null: plain JSON.</summary>
    public string? UserinfoSignedResponseAlg { get; init; }

    /// <summary>The one algorithm the client's request objects may use (<see cref="RequestObjectSigning"/>); null: any.</summary>
    public string? RequestObjectSigningAlg { get; init; }

    /// <summary>Every authorization request must be a request object the client signed (RFC 9101 §10.5).</summary>
    public bool RequireSignedRequestObject { get; init; }

    /// <summary>The URIs the client passes request objects by reference from (<see cref="RequestUriReference"/>).</summary>
    public IReadOnlyList<string> RequestUris { get; init; } = [];

    /// <summary>The public keys the client signs its private_key_jwt assertions with (RFC 7523 §2.2); null when it has none.</summary>
    public System.Text.Json.JsonElement? Jwks { get; init; }

    /// <summary>Where logout tokens are POSTed (OpenID Connect Back-Channel Logout 1.0 §2.2); null when none are sent.</summary>
    public string? BackchannelLogoutUri { get; init; }

    /// <summary>The client needs <c>sid</c> in logout tokens (always sent here).</summary>
    public bool BackchannelLogoutSessionRequired { get; init; } = true;

    /// <summary>The page loaded in an iframe when a session of the client ends (OpenID Connect Front-Channel Logout 1.0 §2); null when none.</summary>
    public string? FrontchannelLogoutUri { get; init; }

    /// <summary>The front-channel logout URI is loaded with <c>iss</c> and <c>sid</c>.</summary>
    public bool FrontchannelLogoutSessionRequired { get; init; } = true;

    /// <summary>Where the server fetches those keys instead (RFC 7591 §2 jwks_uri); null when it has none.</summary>
    public string? JwksUri { get; init; }

    /// <summary>The client's logo, privacy policy and terms of service (<see cref="ClientLinks"/>); null when it has none.</summary>
    public string? LogoUri { get; init; }

    public string? PolicyUri { get; init; }

    public string? TosUri { get; init; }

    /// <summary>The client's home page (client_uri); null when it has none.</summary>
    public string? ClientUri { get; init; }

    /// <summary>The people responsible for the client (<see cref="ClientContacts"/>).</summary>
    public IReadOnlyList<string> Contacts { get; init; } = [];

    /// <summary>The client registered itself (<see cref="ClientDefinition.SelfRegistered"/>).</summary>
    public bool SelfRegistered { get; init; }

    /// <summary>When the secret was last rotated (<see cref="RotateClientSecret"/>); null when never.</summary>
    public DateTimeOffset? SecretRotatedAt { get; init; }

    /// <summary>Until when the secret replaced by the last rotation is still accepted; null when it no longer is.</summary>
    public DateTimeOffset? PreviousSecretValidUntil { get; init; }
}
