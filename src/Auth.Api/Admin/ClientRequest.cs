using System.Text.Json.Serialization;
using Auth.Application.Clients;

namespace Auth.Api.Admin;

/// <summary>
/// The body of POST /admin/v1/clients: a client's definition with RFC 7591 §2 metadata names where one exists.
/// A confidential client (<c>confidential: true</c>, or of the client_credentials or token-exchange grant) without a
/// <c>client_secret</c> gets a generated one.
/// </summary>
public sealed record ClientRequest(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string? ClientSecret = null,
    [property: JsonPropertyName("client_name")] string? ClientName = null,
    [property: JsonPropertyName("confidential")] bool Confidential = false,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string>? GrantTypes = null,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string>? Scopes = null,
    [property: JsonPropertyName("redirect_uris")] IReadOnlyList<string>? RedirectUris = null,
    [property: JsonPropertyName("post_logout_redirect_uris")] IReadOnlyList<string>? PostLogoutRedirectUris = null,
    [property: JsonPropertyName("allowed_cors_origins")] IReadOnlyList<string>? AllowedCorsOrigins = null,
    [property: JsonPropertyName("access_token_lifetime")] int? AccessTokenLifetime = null,
    [property: JsonPropertyName("refresh_token_lifetime")] int? RefreshTokenLifetime = null,
    [property: JsonPropertyName("refresh_token_absolute_lifetime")] int? RefreshTokenAbsoluteLifetime = null,
    [property: JsonPropertyName("first_party")] bool FirstParty = true,
    [property: JsonPropertyName("require_pkce")] bool RequirePkce = true,
    [property: JsonPropertyName("require_mfa")] bool RequireMfa = false,
    [property: JsonPropertyName("require_pushed_authorization_requests")] bool RequirePushedAuthorizationRequests = false,
    [property: JsonPropertyName("dpop_bound_access_tokens")] bool DPoPBoundAccessTokens = false,
    [property: JsonPropertyName("userinfo_signed_response_alg")] string? UserinfoSignedResponseAlg = null,
    [property: JsonPropertyName("request_object_signing_alg")] string? RequestObjectSigningAlg = null,
    [property: JsonPropertyName("require_signed_request_object")] bool RequireSignedRequestObject = false,
    [property: JsonPropertyName("request_uris")] IReadOnlyList<string>? RequestUris = null,
    [property: JsonPropertyName("groups_claim")] string? GroupsClaim = null,
    [property: JsonPropertyName("roles")] IReadOnlyDictionary<string, IReadOnlyList<string>>? Roles = null,
    [property: JsonPropertyName("jwks")] System.Text.Json.JsonElement? Jwks = null,
    [property: JsonPropertyName("backchannel_logout_uri")] string? BackchannelLogoutUri = null,
    [property: JsonPropertyName("backchannel_logout_session_required")] bool BackchannelLogoutSessionRequired = true,
    [property: JsonPropertyName("frontchannel_logout_uri")] string? FrontchannelLogoutUri = null,
    [property: JsonPropertyName("frontchannel_logout_session_required")] bool FrontchannelLogoutSessionRequired = true,
    [property: JsonPropertyName("jwks_uri")] string? JwksUri = null,
    [property: JsonPropertyName("logo_uri")] string? LogoUri = null,
    [property: JsonPropertyName("policy_uri")] string? PolicyUri = null,
    [property: JsonPropertyName("tos_uri")] string? TosUri = null,
    [property: JsonPropertyName("client_uri")] string? ClientUri = null,
    [property: JsonPropertyName("contacts")] IReadOnlyList<string>? Contacts = null)
{
    public CreateClient ToCommand() => new(new ClientDefinition
    {
        ClientId = ClientId ?? string.Empty,
        ClientSecret = ClientSecret,
        DisplayName = ClientName,
        GrantTypes = GrantTypes ?? [],
        Scopes = Scopes ?? [],
        RedirectUris = RedirectUris ?? [],
        PostLogoutRedirectUris = PostLogoutRedirectUris ?? [],
        AllowedCorsOrigins = AllowedCorsOrigins ?? [],
        AccessTokenLifetime = AccessTokenLifetime,
        RefreshTokenLifetime = RefreshTokenLifetime,
        RefreshTokenAbsoluteLifetime = RefreshTokenAbsoluteLifetime,
        FirstParty = FirstParty,
        RequirePkce = RequirePkce,
        RequireMfa = RequireMfa,
        RequirePushedAuthorizationRequests = RequirePushedAuthorizationRequests,
        RequireDPoP = DPoPBoundAccessTokens,
        UserinfoSignedResponseAlg = UserinfoSignedResponseAlg,
        RequestObjectSigningAlg = RequestObjectSigningAlg,
        RequireSignedRequestObject = RequireSignedRequestObject,
        RequestUris = RequestUris ?? [],
        GroupsClaim = GroupsClaim,
        Roles = Roles ?? new Dictionary<string, IReadOnlyList<string>>(),
        Jwks = Jwks is { ValueKind: not System.Text.Json.JsonValueKind.Null } jwks ? jwks : null,
        BackchannelLogoutUri = BackchannelLogoutUri,
        BackchannelLogoutSessionRequired = BackchannelLogoutSessionRequired,
        FrontchannelLogoutUri = FrontchannelLogoutUri,
        FrontchannelLogoutSessionRequired = FrontchannelLogoutSessionRequired,
        JwksUri = JwksUri,
        LogoUri = LogoUri,
        PolicyUri = PolicyUri,
        TosUri = TosUri,
        ClientUri = ClientUri,
        Contacts = Contacts ?? [],
    }, Confidential);
}
