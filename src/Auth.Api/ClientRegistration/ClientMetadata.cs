using System.Text.Json;
using System.Text.Json.Serialization;
using Auth.Application.Clients;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.ClientRegistration;

/// <summary>
/// A client's metadata as RFC 7591 §2 names it (with RFC 9449's dpop_bound_access_tokens), in a registration request
/// and in every answer about the client. Members this server does not keep (client_uri, contacts, ...) are ignored and
/// not echoed, as §3.2.1 allows. post_logout_redirect_uris are kept, and followed only for a logout request that names
/// the client (<see cref="OAuth.Handlers.Authorization.KeepSelfRegisteredLogoutRedirectsToTheirClient"/>). The URIs the server calls,
/// jwks_uri, request_uris and backchannel_logout_uri, are taken: what it sends to a client that registered itself goes
/// only to addresses the <see cref="OAuth.OutboundAddressGuard"/> permits, as do the pages users' browsers load for it
/// (logo_uri, frontchannel_logout_uri).
/// </summary>
public sealed record ClientMetadata
{
    public const string ClientSecretBasic = "client_secret_basic";
    public const string ClientSecretPost = "client_secret_post";
    public const string PrivateKeyJwt = "private_key_jwt";
    public const string None = "none";

    /// <summary>In a replacement (RFC 7592 §2.2): the client's own id, or absent.</summary>
    [JsonPropertyName("client_id")] public string? ClientId { get; init; }

    [JsonPropertyName("redirect_uris")] public IReadOnlyList<string>? RedirectUris { get; init; }

    /// <summary>OpenID Connect RP-Initiated Logout 1.0 §3.1.</summary>
    [JsonPropertyName("post_logout_redirect_uris")] public IReadOnlyList<string>? PostLogoutRedirectUris { get; init; }

    [JsonPropertyName("grant_types")] public IReadOnlyList<string>? GrantTypes { get; init; }

    [JsonPropertyName("response_types")] public IReadOnlyList<string>? ResponseTypes { get; init; }

    [JsonPropertyName("client_name")] public string? ClientName { get; init; }

    [JsonPropertyName("scope")] public string? Scope { get; init; }

    [JsonPropertyName("token_endpoint_auth_method")] public string? TokenEndpointAuthMethod { get; init; }

    [JsonPropertyName("jwks")] public JsonElement? Jwks { get; init; }

    [JsonPropertyName("jwks_uri")] public string? JwksUri { get; init; }

    /// <summary>OpenID Connect Dynamic Client Registration §2: where the client's request objects by reference are.</summary>
    [JsonPropertyName("request_uris")] public IReadOnlyList<string>? RequestUris { get; init; }

    [JsonPropertyName("dpop_bound_access_tokens")] public bool? DPoPBoundAccessTokens { get; init; }

    // OpenID Connect Dynamic Client Registration 1.0 §2: shown to the client's users on the sign-in, consent and device pages.
    [JsonPropertyName("logo_uri")] public string? LogoUri { get; init; }

    [JsonPropertyName("policy_uri")] public string? PolicyUri { get; init; }

    [JsonPropertyName("tos_uri")] public string? TosUri { get; init; }

    // The client's home page, linked from those pages, and the people responsible for it (RFC 7591 §2).
    [JsonPropertyName("client_uri")] public string? ClientUri { get; init; }

    [JsonPropertyName("contacts")] public IReadOnlyList<string>? Contacts { get; init; }

    /// <summary>In a replacement (RFC 7592 §2.2): the client's current secret, or absent; never a new one.</summary>
    [JsonPropertyName("client_secret")] public string? ClientSecret { get; init; }

    // OpenID Connect Dynamic Client Registration 1.0 §2: the algorithms asked for must be ones this server uses.
    [JsonPropertyName("id_token_signed_response_alg")] public string? IdTokenSignedResponseAlg { get; init; }

    [JsonPropertyName("token_endpoint_auth_signing_alg")] public string? TokenEndpointAuthSigningAlg { get; init; }

    [JsonPropertyName("userinfo_signed_response_alg")] public string? UserinfoSignedResponseAlg { get; init; }

    [JsonPropertyName("request_object_signing_alg")] public string? RequestObjectSigningAlg { get; init; }

    /// <summary>OpenID Connect Back-Channel Logout 1.0 §2.2: where logout tokens are POSTed.</summary>
    [JsonPropertyName("backchannel_logout_uri")] public string? BackchannelLogoutUri { get; init; }

    [JsonPropertyName("backchannel_logout_session_required")] public bool? BackchannelLogoutSessionRequired { get; init; }

    /// <summary>OpenID Connect Front-Channel Logout 1.0 §2: the page loaded in an iframe when a session of the client ends.</summary>
    [JsonPropertyName("frontchannel_logout_uri")] public string? FrontchannelLogoutUri { get; init; }

    [JsonPropertyName("frontchannel_logout_session_required")] public bool? FrontchannelLogoutSessionRequired { get; init; }

    /// <summary>RFC 9101 §10.5: every authorization request of the client is a request object it signed.</summary>
    [JsonPropertyName("require_signed_request_object")] public bool? RequireSignedRequestObject { get; init; }

    [JsonPropertyName("id_token_encrypted_response_alg")] public string? IdTokenEncryptedResponseAlg { get; init; }

    [JsonPropertyName("userinfo_encrypted_response_alg")] public string? UserInfoEncryptedResponseAlg { get; init; }

    /// <summary>The metadata as a definition (its client id is the server's to make), and whether the client has a secret; or why it cannot be one.</summary>
    public (ClientDefinition? Client, bool Confidential, string? Problem) ToDefinition()
    {
        var grants = GrantTypes is { Count: > 0 } given ? given : [ClientGrantTypes.AuthorizationCode];
        var jwks = Jwks is { ValueKind: JsonValueKind.Object } set ? set : (JsonElement?)null;
        var method = TokenEndpointAuthMethod ?? (jwks is not null || JwksUri is not null ? PrivateKeyJwt : ClientSecretBasic);
        if (method is not (ClientSecretBasic or ClientSecretPost or PrivateKeyJwt or None))
        {
            return (null, false, $"token_endpoint_auth_method is one of {ClientSecretBasic}, {ClientSecretPost}, {PrivateKeyJwt}, {None}.");
        }

        // RFC 7591 §2: jwks_uri and jwks must not both be present.
        if (jwks is not null && JwksUri is not null)
        {
            return (null, false, "jwks and jwks_uri are not both given: the keys are inline or at a URI.");
        }

        if ((method == PrivateKeyJwt) != (jwks is not null || JwksUri is not null))
        {
            return (null, false, "private_key_jwt goes with a jwks or a jwks_uri, and keys with private_key_jwt.");
        }

        if (ResponseTypes is { Count: > 0 } responses && (!responses.All(r => r == "code") || !grants.Contains(ClientGrantTypes.AuthorizationCode)))
        {
            return (null, false, "response_types is [\"code\"], with the authorization_code grant.");
        }

        if (method == None && grants.Any(ClientGrantTypes.ConfidentialOnly.Contains))
        {
            return (null, false, "A client without authentication (token_endpoint_auth_method none) cannot use the client_credentials grant.");
        }

        if (UnsupportedAlgorithm(method) is { } algorithm)
        {
            return (null, false, algorithm);
        }

        // Every user's browser loads a logo: a stranger's is https and never on the user's own machine (an operator may
        // name a loopback one for a test set-up; the registration endpoint's guard refuses private addresses too).
        if (LogoUri is { } logo && (!Uri.TryCreate(logo, UriKind.Absolute, out var logoUri) || logoUri.Scheme != Uri.UriSchemeHttps || logoUri.IsLoopback ||
            logoUri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, false, "logo_uri must be an https URL on a public host: the browser of every user of the client loads it.");
        }

        return (new ClientDefinition
        {
            ClientId = string.Empty,
            DisplayName = ClientName,
            GrantTypes = grants,
            Scopes = Scope is null ? [] : Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            RedirectUris = RedirectUris ?? [],
            PostLogoutRedirectUris = PostLogoutRedirectUris ?? [],
            Jwks = jwks,
            JwksUri = JwksUri,
            RequestUris = RequestUris ?? [],
            BackchannelLogoutUri = BackchannelLogoutUri,
            // Back-Channel Logout 1.0 §2.2: false when omitted (sid is sent either way).
            BackchannelLogoutSessionRequired = BackchannelLogoutSessionRequired ?? false,
            FrontchannelLogoutUri = FrontchannelLogoutUri,
            // Front-Channel Logout 1.0 §2: false when omitted, so the URI is loaded without iss and sid.
            FrontchannelLogoutSessionRequired = FrontchannelLogoutSessionRequired ?? false,
            RequireDPoP = DPoPBoundAccessTokens ?? false,
            LogoUri = LogoUri,
            PolicyUri = PolicyUri,
            TosUri = TosUri,
            ClientUri = ClientUri,
            Contacts = Contacts ?? [],
            UserinfoSignedResponseAlg = UserinfoSignedResponseAlg,
            RequestObjectSigningAlg = RequestObjectSigningAlg,
            RequireSignedRequestObject = RequireSignedRequestObject ?? false,
            ClientSecret = ClientSecret,
        }, method != None, null);
    }

    /// <summary>Why an algorithm asked for is not one this server uses; null when each is (or none is asked for).</summary>
    private string? UnsupportedAlgorithm(string method)
    {
        if (IdTokenSignedResponseAlg is { } idToken && idToken != SecurityAlgorithms.RsaSha256)
        {
            return "id_token_signed_response_alg is RS256, the one algorithm ID tokens are signed with here.";
        }

        if (TokenEndpointAuthSigningAlg is { } assertion &&
            (method != PrivateKeyJwt || !OAuth.Handlers.ClientAuthentication.AcceptGenericTypedClientAssertions.Algorithms.Contains(assertion)))
        {
            return "token_endpoint_auth_signing_alg goes with private_key_jwt and is an RS, PS or ES algorithm (discovery lists them).";
        }

        if (UserinfoSignedResponseAlg is { } userInfo && userInfo != UserInfoSigning.Algorithm)
        {
            return $"userinfo_signed_response_alg is {UserInfoSigning.Algorithm}, the one algorithm userinfo answers are signed with here.";
        }

        return (RequestObjectSigningAlg, IdTokenEncryptedResponseAlg, UserInfoEncryptedResponseAlg) switch
        {
            ({ } requestObject, _, _) when !RequestObjectSigning.Algorithms.Contains(requestObject, StringComparer.Ordinal) =>
                "request_object_signing_alg is none or an RS, PS or ES algorithm (discovery lists them).",
            (_, { }, _) or (_, _, { }) => "Responses are not encrypted here: leave out the *_encrypted_response_alg members.",
            _ => null,
        };
    }

    public static ClientMetadata From(ClientDetails client) => new()
    {
        RedirectUris = client.RedirectUris,
        PostLogoutRedirectUris = client.PostLogoutRedirectUris.Count > 0 ? client.PostLogoutRedirectUris : null,
        GrantTypes = client.GrantTypes,
        ResponseTypes = client.GrantTypes.Contains(ClientGrantTypes.AuthorizationCode) ? ["code"] : [],
        ClientName = client.DisplayName,
        Scope = string.Join(' ', client.Scopes),
        // client_secret_post works as well; OpenIddict takes either from a client with a secret.
        TokenEndpointAuthMethod = client.Jwks is not null || client.JwksUri is not null ? PrivateKeyJwt : client.IsConfidential ? ClientSecretBasic : None,
        Jwks = client.Jwks,
        JwksUri = client.JwksUri,
        RequestUris = client.RequestUris.Count > 0 ? client.RequestUris : null,
        BackchannelLogoutUri = client.BackchannelLogoutUri,
        BackchannelLogoutSessionRequired = client.BackchannelLogoutUri is null ? null : client.BackchannelLogoutSessionRequired,
        FrontchannelLogoutUri = client.FrontchannelLogoutUri,
        FrontchannelLogoutSessionRequired = client.FrontchannelLogoutUri is null ? null : client.FrontchannelLogoutSessionRequired,
        DPoPBoundAccessTokens = client.RequireDPoP,
        LogoUri = client.LogoUri,
        PolicyUri = client.PolicyUri,
        TosUri = client.TosUri,
        ClientUri = client.ClientUri,
        Contacts = client.Contacts.Count > 0 ? client.Contacts : null,
        UserinfoSignedResponseAlg = client.UserinfoSignedResponseAlg,
        RequestObjectSigningAlg = client.RequestObjectSigningAlg,
        RequireSignedRequestObject = client.RequireSignedRequestObject,
    };
}
