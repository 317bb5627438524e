using System.Text.Json.Serialization;
using Auth.Application.Clients;

namespace Auth.Api.Admin;

/// <summary>
/// One client as the admin API shows it, with RFC 7591 §2 metadata names where one exists. Never a stored secret:
/// <c>client_secret</c> appears only in the answer to a create that generated it, once.
/// </summary>
public sealed record ClientDetailsRecord(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_name")] string? ClientName,
    [property: JsonPropertyName("confidential")] bool Confidential,
    [property: JsonPropertyName("first_party")] bool FirstParty,
    [property: JsonPropertyName("require_pkce")] bool RequirePkce,
    [property: JsonPropertyName("require_mfa")] bool RequireMfa,
    [property: JsonPropertyName("require_pushed_authorization_requests")] bool RequirePushedAuthorizationRequests,
    [property: JsonPropertyName("dpop_bound_access_tokens")] bool DPoPBoundAccessTokens,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string> GrantTypes,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("redirect_uris")] IReadOnlyList<string> RedirectUris,
    [property: JsonPropertyName("post_logout_redirect_uris")] IReadOnlyList<string> PostLogoutRedirectUris,
    [property: JsonPropertyName("access_token_lifetime")] int? AccessTokenLifetime,
    [property: JsonPropertyName("refresh_token_lifetime")] int? RefreshTokenLifetime,
    [property: JsonPropertyName("refresh_token_absolute_lifetime")] int? RefreshTokenAbsoluteLifetime,
    [property: JsonPropertyName("groups_claim")] string GroupsClaim,
    [property: JsonPropertyName("roles")] IReadOnlyDictionary<string, IReadOnlyList<string>> Roles,
    [property: JsonPropertyName("secret_rotated_at")] string? SecretRotatedAt,
    [property: JsonPropertyName("previous_secret_valid_until")] string? PreviousSecretValidUntil)
{
    /// <summary>The public keys the client signs its private_key_jwt assertions with (RFC 7591 §2 jwks); absent when none.</summary>
    [JsonPropertyName("jwks")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public System.Text.Json.JsonElement? Jwks { get; init; }

    /// <summary>Where logout tokens are POSTed (OpenID Connect Back-Channel Logout 1.0 §2.2); absent when none.</summary>
    [JsonPropertyName("backchannel_logout_uri")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BackchannelLogoutUri { get; init; }

    [JsonPropertyName("backchannel_logout_session_required")]
    public bool BackchannelLogoutSessionRequired { get; init; } = true;

    /// <summary>The page loaded in an iframe when a session of the client ends (OpenID Connect Front-Channel Logout 1.0 §2); absent when none.</summary>
    [JsonPropertyName("frontchannel_logout_uri")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FrontchannelLogoutUri { get; init; }

    [JsonPropertyName("frontchannel_logout_session_required")]
    public bool FrontchannelLogoutSessionRequired { get; init; } = true;

    /// <summary>The web origins a browser app of the client calls the server from (CORS).</summary>
    [JsonPropertyName("allowed_cors_origins")]
    public IReadOnlyList<string> AllowedCorsOrigins { get; init; } = [];

    /// <summary>The algorithm userinfo answers are signed with for the client (OpenID Connect Core §5.3.2); absent: plain JSON.</summary>
    [JsonPropertyName("userinfo_signed_response_alg")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserinfoSignedResponseAlg { get; init; }

    /// <summary>The one algorithm the client's request objects may use (OpenID Connect Dynamic Client Registration §2); absent: any.</summary>
    [JsonPropertyName("request_object_signing_alg")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestObjectSigningAlg { get; init; }

    /// <summary>Every authorization request must be a request object the client signed (RFC 9101 §10.5).</summary>
    [JsonPropertyName("require_signed_request_object")]
    public bool RequireSignedRequestObject { get; init; }

    /// <summary>Where the client passes request objects by reference from (OpenID Connect Core §6.2 request_uri); empty when none.</summary>
    [JsonPropertyName("request_uris")]
    public IReadOnlyList<string> RequestUris { get; init; } = [];

    /// <summary>Where the server fetches those keys instead (RFC 7591 §2 jwks_uri); absent when none.</summary>
    [JsonPropertyName("jwks_uri")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? JwksUri { get; init; }

    /// <summary>The client's logo, shown on the sign-in, consent and device pages (Dynamic Client Registration §2 logo_uri); absent when none.</summary>
    [JsonPropertyName("logo_uri")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LogoUri { get; init; }

    /// <summary>The client's privacy policy, linked from those pages (policy_uri); absent when none.</summary>
    [JsonPropertyName("policy_uri")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PolicyUri { get; init; }

    /// <summary>The client's terms of service, linked from those pages (tos_uri); absent when none.</summary>
    [JsonPropertyName("tos_uri")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TosUri { get; init; }

    /// <summary>The client's home page, linked from those pages (client_uri); absent when none.</summary>
    [JsonPropertyName("client_uri")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientUri { get; init; }

    /// <summary>E-mail addresses of the people responsible for the client (contacts); never shown to users.</summary>
    [JsonPropertyName("contacts")]
    public IReadOnlyList<string> Contacts { get; init; } = [];

    /// <summary>The client registered itself (RFC 7591): what the server sends to it goes through the address guard. Read-only.</summary>
    [JsonPropertyName("self_registered")]
    public bool SelfRegistered { get; init; }

    /// <summary>The secret the service generated, in the create's answer only.</summary>
    [JsonPropertyName("client_secret")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientSecret { get; init; }

    public static ClientDetailsRecord From(ClientDetails client) => new(
        client.ClientId, client.DisplayName, client.IsConfidential, client.FirstParty, client.RequirePkce, client.RequireMfa, client.RequirePushedAuthorizationRequests, client.RequireDPoP,
        client.GrantTypes, client.Scopes, client.RedirectUris, client.PostLogoutRedirectUris,
        client.AccessTokenLifetime, client.RefreshTokenLifetime, client.RefreshTokenAbsoluteLifetime, client.GroupsClaim, client.Roles,
        client.SecretRotatedAt is { } rotated ? AdminTime.Format(rotated) : null,
        client.PreviousSecretValidUntil is { } until ? AdminTime.Format(until) : null)
    {
        Jwks = client.Jwks,
        BackchannelLogoutUri = client.BackchannelLogoutUri,
        BackchannelLogoutSessionRequired = client.BackchannelLogoutSessionRequired,
        FrontchannelLogoutUri = client.FrontchannelLogoutUri,
        FrontchannelLogoutSessionRequired = client.FrontchannelLogoutSessionRequired,
        UserinfoSignedResponseAlg = client.UserinfoSignedResponseAlg,
        RequestObjectSigningAlg = client.RequestObjectSigningAlg,
        RequireSignedRequestObject = client.RequireSignedRequestObject,
        RequestUris = client.RequestUris,
        AllowedCorsOrigins = client.AllowedCorsOrigins,
        JwksUri = client.JwksUri,
        LogoUri = client.LogoUri,
        PolicyUri = client.PolicyUri,
        TosUri = client.TosUri,
        ClientUri = client.ClientUri,
        Contacts = client.Contacts,
        SelfRegistered = client.SelfRegistered,
    };
}
