using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;
using AspNetCoreHandlers = OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlers;

namespace Auth.Api.OAuth;

/// <summary>
/// Where this service's handlers run among OpenIddict's own (<see cref="OAuthServerHandlers"/> uses them). OpenIddict
/// runs the handlers of an event in ascending order; each name says what a handler must run before or after. Most are
/// defined by the built-in handler that decides the position, so they follow OpenIddict if it renumbers its handlers;
/// a built-in handler's order is not a compile-time constant, so those are <c>static readonly</c>.
/// </summary>
public static class OAuthHandlerOrder
{
    // Every request (ProcessRequest).

    /// <summary>As soon as OpenIddict knows which endpoint a request is for, before anything else is done with it.</summary>
    public static readonly int AfterEndpointIsInferred = InferEndpointType.Descriptor.Order + 1;

    // Discovery (HandleConfigurationRequest).

    /// <summary>After OpenIddict has filled in the whole discovery document (AttachAdditionalMetadata is its last step).</summary>
    public static readonly int AfterDiscoveryMetadata = Discovery.AttachAdditionalMetadata.Descriptor.Order + 1_000;

    /// <summary>After the document has been trimmed to what works.</summary>
    public static readonly int AfterDiscoveryIsTrimmed = AfterDiscoveryMetadata + 1;

    // Authorization and pushed authorization requests, as read (ExtractAuthorizationRequest, ExtractPushedAuthorizationRequest).

    /// <summary>After OpenIddict has read an authorization request's parameters, before anything checks them.</summary>
    public static readonly int AfterAuthorizationRequestIsRead =
        AspNetCoreHandlers.ExtractGetOrPostRequest<ExtractAuthorizationRequestContext>.Descriptor.Order + 1;

    /// <summary>Right after <see cref="AfterAuthorizationRequestIsRead"/>: a request object passed by reference has been fetched.</summary>
    public static readonly int AfterRequestUriIsDereferenced = AfterAuthorizationRequestIsRead + 1;

    /// <summary>After OpenIddict has read a pushed request's form and its Basic credentials (the client_id), before anything checks them.</summary>
    public static readonly int AfterPushedRequestIsRead = Math.Max(
        AspNetCoreHandlers.ExtractPostRequest<ExtractPushedAuthorizationRequestContext>.Descriptor.Order,
        AspNetCoreHandlers.ExtractBasicAuthenticationCredentials<ExtractPushedAuthorizationRequestContext>.Descriptor.Order) + 1;

    // Authorization and end-session requests (ValidateAuthorizationRequest, ValidateEndSessionRequest).

    /// <summary>
    /// After OpenIddict's first check of an authorization request, before any other parameter is used; in particular
    /// before the redirect URI is checked and trusted.
    /// </summary>
    public static readonly int AfterRequestParameterCheck = Authentication.ValidateRequestParameter.Descriptor.Order + 1;

    /// <summary>After OpenIddict's first checks of an end-session request, before the redirect URI is checked and trusted.</summary>
    public static readonly int AfterPostLogoutRedirectUriParameterCheck = Session.ValidatePostLogoutRedirectUriParameter.Descriptor.Order + 1;

    /// <summary>Before OpenIddict answers a successful end-session request with a redirect (to the post-logout URI, or the sign-out's own).</summary>
    public static readonly int BeforeEndSessionRedirect = Math.Min(
        AspNetCoreHandlers.Session.ProcessHostRedirectionResponse.Descriptor.Order,
        AspNetCoreHandlers.Session.ProcessQueryResponse.Descriptor.Order) - 1;

    /// <summary>After OpenIddict has validated (or set aside) an end-session request's id_token_hint, before the redirect URI is trusted.</summary>
    public static readonly int AfterLogoutHintIsValidated = Session.ValidateAuthentication.Descriptor.Order + 1;

    /// <summary>After OpenIddict has checked that the client may ask for the scopes.</summary>
    public static readonly int AfterAuthorizationScopePermissions = Authentication.ValidateScopePermissions.Descriptor.Order + 1;

    /// <summary>Right after <see cref="AfterAuthorizationScopePermissions"/> (OpenIddict sorts handlers of one order unstably).</summary>
    public static readonly int AfterMfaScopeIsKeptApart = AfterAuthorizationScopePermissions + 1;

    /// <summary>After OpenIddict's last check of an authorization request: the client and its redirect URI are verified.</summary>
    public static readonly int AfterAuthorizationRequestChecks = Authentication.ValidateAuthorizedParty.Descriptor.Order + 1;

    /// <summary>After the claims parameter has been checked.</summary>
    public static readonly int AfterClaimsParameterCheck = AfterAuthorizationRequestChecks + 1;

    /// <summary>After the max_age parameter has been checked: the last of the request's own checks.</summary>
    public static readonly int AfterMaxAgeParameterCheck = AfterClaimsParameterCheck + 1;

    // Pushed authorization requests (ValidatePushedAuthorizationRequest): the same checks as an authorization request's, at the same places.

    /// <summary>After OpenIddict has checked that the client may ask for the scopes it pushes.</summary>
    public static readonly int AfterPushedScopePermissions = Authentication.ValidatePushedScopePermissions.Descriptor.Order + 1;

    /// <summary>Right after <see cref="AfterPushedScopePermissions"/>.</summary>
    public static readonly int AfterPushedMfaScopeIsKeptApart = AfterPushedScopePermissions + 1;

    /// <summary>After OpenIddict's last check of a pushed request.</summary>
    public static readonly int AfterPushedRequestChecks = Authentication.ValidatePushedAuthorizedParty.Descriptor.Order + 1;

    /// <summary>After the pushed claims parameter has been checked.</summary>
    public static readonly int AfterPushedClaimsParameterCheck = AfterPushedRequestChecks + 1;

    /// <summary>After the pushed max_age parameter has been checked.</summary>
    public static readonly int AfterPushedMaxAgeParameterCheck = AfterPushedClaimsParameterCheck + 1;

    /// <summary>After a pushed request's request object has been judged: the last of the request's own checks.</summary>
    public static readonly int AfterPushedRequestObjectCheck = AfterPushedMaxAgeParameterCheck + 1;

    /// <summary>After OpenIddict has made the principal a pushed request's request token is made from.</summary>
    public static readonly int AfterRequestTokenPrincipal = PrepareRequestTokenPrincipal.Descriptor.Order + 1;

    /// <summary>After OpenIddict has decided where an authorization response goes.</summary>
    public static readonly int AfterRedirectUriIsAttached = Authentication.AttachRedirectUri.Descriptor.Order + 1;

    // Client authentication (ProcessAuthentication, at the token, introspection and revocation endpoints).

    /// <summary>Before OpenIddict looks the client up, where an unknown client would fail faster than a wrong secret.</summary>
    public static readonly int BeforeClientIsLookedUp = ValidateClientId.Descriptor.Order - 1;

    /// <summary>After OpenIddict has chosen how to validate a token, before it reads or checks it.</summary>
    public static readonly int AfterTokenValidationParametersAreResolved = Protection.ResolveTokenValidationParameters.Descriptor.Order + 500;

    /// <summary>After the client assertion's validation parameters are set (AcceptGenericTypedClientAssertions), before it is read.</summary>
    public static readonly int AfterClientAssertionParametersAreSet = AfterTokenValidationParametersAreResolved + 1;

    /// <summary>After OpenIddict has validated a client assertion (its signature by a key of the client's jwks, its issuer and audience).</summary>
    public static readonly int AfterClientAssertionIsValidated = ValidateClientAssertion.Descriptor.Order + 1_000;

    // Token requests (ValidateTokenRequest).

    /// <summary>After the device_code parameter is checked, before the device code is validated (and found pending).</summary>
    public static readonly int AfterDeviceCodeParameterCheck = Exchange.ValidateDeviceCodeParameter.Descriptor.Order + 1;

    /// <summary>The place of OpenIddict's check of the client credentials parameters, which is removed.</summary>
    public static readonly int InPlaceOfClientCredentialsParameterCheck = Exchange.ValidateClientCredentialsParameters.Descriptor.Order;

    /// <summary>The place of OpenIddict's check that a token request names a client, which is removed.</summary>
    public static readonly int InPlaceOfClientIdParameterCheck = Exchange.ValidateClientIdParameter.Descriptor.Order;

    /// <summary>Among the parameter checks, before the client is authenticated and the code verifier compared.</summary>
    public static readonly int AfterClientCredentialsParameterCheck = InPlaceOfClientCredentialsParameterCheck + 1;

    /// <summary>After client authentication, before OpenIddict checks the grant type against the client's permissions.</summary>
    public static readonly int BeforeGrantTypePermissions = Exchange.ValidateGrantTypePermissions.Descriptor.Order - 1;

    /// <summary>Before OpenIddict checks the scopes against the client's permissions, and answers invalid_request.</summary>
    public static readonly int BeforeScopePermissions = Exchange.ValidateScopePermissions.Descriptor.Order - 1;

    /// <summary>After every check of OpenIddict's: the client, the grant and the scopes are settled.</summary>
    public static readonly int AfterTokenRequestChecks = Exchange.ValidateGrantedScopes.Descriptor.Order + 1_000;

    /// <summary>Before OpenIddict compares the scopes with the grant's, and answers invalid_grant.</summary>
    public static readonly int BeforeGrantedScopes = Exchange.ValidateGrantedScopes.Descriptor.Order - 1;

    /// <summary>After OpenIddict's last scope check, when the subject and actor tokens of a token exchange are validated.</summary>
    public static readonly int AfterGrantedScopes = Exchange.ValidateGrantedScopes.Descriptor.Order + 1;

    // Userinfo requests (ExtractUserInfoRequest).

    /// <summary>After the request's parameters are read, before the access token is taken from them.</summary>
    public static readonly int AfterUserInfoRequestIsRead =
        AspNetCoreHandlers.ExtractGetOrPostRequest<ExtractUserInfoRequestContext>.Descriptor.Order + 1;

    /// <summary>After OpenIddict has taken the access token from an Authorization: Bearer header (or the form body).</summary>
    public static readonly int AfterUserInfoAccessTokenIsRead =
        AspNetCoreHandlers.ExtractAccessToken<ExtractUserInfoRequestContext>.Descriptor.Order + 1;

    /// <summary>After OpenIddict has validated the userinfo request's access token.</summary>
    public static readonly int AfterUserInfoAccessTokenIsValidated = UserInfo.ValidateAuthentication.Descriptor.Order + 1;

    /// <summary>After OpenIddict has written the userinfo refusal's Bearer challenge.</summary>
    public static readonly int AfterUserInfoChallengeIsWritten =
        AspNetCoreHandlers.AttachWwwAuthenticateHeader<ApplyUserInfoResponseContext>.Descriptor.Order + 1;

    // The service's own APIs (the validation pipeline's ProcessAuthentication).

    /// <summary>After OpenIddict has looked for a Bearer token in the Authorization header.</summary>
    public static readonly int AfterValidationBearerTokenIsRead =
        OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreHandlers.ExtractAccessTokenFromAuthorizationHeader.Descriptor.Order + 1;

    /// <summary>After OpenIddict has validated the API request's access token.</summary>
    public static readonly int AfterValidationAccessTokenIsValidated =
        OpenIddict.Validation.OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 1;

    // Introspection and revocation requests (ValidateIntrospectionRequest, ValidateRevocationRequest, HandleRevocationRequest).

    /// <summary>After OpenIddict's own check of who may introspect the token.</summary>
    public static readonly int AfterIntrospectionAuthorizedParty = Introspection.ValidateAuthorizedParty.Descriptor.Order + 1;

    /// <summary>After OpenIddict's own check of who may revoke the token.</summary>
    public static readonly int AfterRevocationAuthorizedParty = Revocation.ValidateAuthorizedParty.Descriptor.Order + 1;

    /// <summary>Before OpenIddict revokes the token presented, which it does only for a token with a row.</summary>
    public static readonly int BeforeTokenIsRevoked = Revocation.RevokeToken.Descriptor.Order - 1;

    /// <summary>After OpenIddict has revoked the token presented.</summary>
    public static readonly int AfterTokenIsRevoked = Revocation.RevokeToken.Descriptor.Order + 1;

    // Token validation (ValidateToken), at introspection, revocation, userinfo and the service's own APIs.

    /// <summary>After every check of the token itself and of its rows, if it has any.</summary>
    public static readonly int AfterAuthorizationEntryCheck = Protection.ValidateAuthorizationEntry.Descriptor.Order + 1;

    /// <summary>Before OpenIddict checks a token's cnf, which it understands for certificate-bound tokens only.</summary>
    public static readonly int BeforeProofOfPossessionCheck = Protection.ValidateProofOfPossession.Descriptor.Order - 1;

    /// <summary>The same place in the validation pipeline of the service's own APIs.</summary>
    public static readonly int BeforeValidationProofOfPossessionCheck =
        OpenIddict.Validation.OpenIddictValidationHandlers.Protection.ValidateProofOfPossession.Descriptor.Order - 1;

    /// <summary>The same place in the validation pipeline of the service's own APIs.</summary>
    public static readonly int AfterValidationAuthorizationEntryCheck =
        OpenIddict.Validation.OpenIddictValidationHandlers.Protection.ValidateAuthorizationEntry.Descriptor.Order + 1;

    // Sign-in (ProcessSignIn) and token generation (GenerateToken).

    /// <summary>After OpenIddict has prepared every token's principal, before it generates the first token.</summary>
    public static readonly int BeforeTokensAreGenerated = new[]
    {
        GenerateAccessToken.Descriptor.Order, GenerateAuthorizationCode.Descriptor.Order, GenerateDeviceCode.Descriptor.Order,
        GenerateRefreshToken.Descriptor.Order, GenerateIdentityToken.Descriptor.Order, GenerateRequestToken.Descriptor.Order,
        GenerateIssuedToken.Descriptor.Order, GenerateUserCode.Descriptor.Order,
    }.Min() - 1;

    /// <summary>After every token's principal is prepared, just before the DPoP key is attached (<see cref="BeforeTokensAreGenerated"/>).</summary>
    public static readonly int AfterTokenPrincipalsArePrepared = BeforeTokensAreGenerated - 1;

    /// <summary>Before OpenIddict marks the refresh token presented as redeemed.</summary>
    public static readonly int BeforeTokenEntryIsRedeemed = RedeemTokenEntry.Descriptor.Order - 1;

    /// <summary>After OpenIddict has put the tokens and expires_in into the response.</summary>
    public static readonly int AfterSignInParameters = AttachSignInParameters.Descriptor.Order + 1;

    /// <summary>After expires_in has been corrected: the response is final.</summary>
    public static readonly int AfterExpiresInIsExact = AfterSignInParameters + 1;

    /// <summary>Before OpenIddict writes a token's row.</summary>
    public static readonly int BeforeTokenEntryIsCreated = Protection.CreateTokenEntry.Descriptor.Order - 1;

    /// <summary>Before a token's claims are written into the JWT.</summary>
    public static readonly int BeforeTokenIsSerialized = Protection.GenerateIdentityModelToken.Descriptor.Order - 1;

    /// <summary>
    /// Before the handlers at <see cref="BeforeTokenIsSerialized"/>: OpenIddict sorts handlers with an unstable sort, so
    /// two handlers of one event never share an order.
    /// </summary>
    public static readonly int BeforeClaimsAreTrimmed = BeforeTokenIsSerialized - 1;

    // Responses (Apply*Response). OpenIddict's first response handler, NormalizeErrorResponse, runs at
    // int.MinValue + 100_000; these four run before all of OpenIddict's, in this sequence.

    /// <summary>First on a token response: one made outside HTTP is complete here, and no later handler runs.</summary>
    public const int FirstOnTokenResponse = int.MinValue + 10_000;

    /// <summary>After that, and before the outcome is reported: a change to a successful token response.</summary>
    public const int BeforeOutcomeIsReported = int.MinValue + 50_000;

    /// <summary>Before the outcome is reported, after the scope is echoed: the token type of a DPoP-bound token.</summary>
    public const int DPoPTokenType = int.MinValue + 40_000;

    /// <summary>Right after the token type: the DPoP nonce of a token or pushed authorization response.</summary>
    public const int DPoPNonce = DPoPTokenType + 1;

    /// <summary>After that, and before the outcome is reported: a change to a token response's error.</summary>
    public const int ErrorBeforeOutcomeIsReported = int.MinValue + 55_000;

    /// <summary>
    /// Before OpenIddict normalizes an error response (introspection's invalid_token becomes active=false) and before
    /// the error_uri that names a redeemed code or refresh token is dropped.
    /// </summary>
    public const int BeforeErrorResponseIsNormalized = int.MinValue + 60_000;

    /// <summary>Before the HTTP status code is chosen from the error: the last change to a response's parameters.</summary>
    public static int BeforeHttpStatusCode<TContext>() where TContext : BaseRequestContext =>
        AspNetCoreHandlers.AttachHttpResponseCode<TContext>.Descriptor.Order - 1;

    // The client (sign-in at upstream identity providers).

    /// <summary>After the state token is validated, before OpenIddict looks up the registration it names (and throws if there is none).</summary>
    public static readonly int BeforeClientRegistrationIsResolved =
        OpenIddict.Client.OpenIddictClientHandlers.ResolveClientRegistrationFromStateToken.Descriptor.Order - 1;

    /// <summary>Before OpenIddict writes a failed challenge's error as plain text.</summary>
    public static readonly int BeforeChallengeErrorIsWritten =
        OpenIddict.Client.AspNetCore.OpenIddictClientAspNetCoreHandlers.ProcessStatusCodePagesErrorResponse<OpenIddict.Client.OpenIddictClientEvents.ProcessErrorContext>.Descriptor.Order - 1;

    /// <summary>After the PKCE methods an upstream advertises are read from its discovery document.</summary>
    public static readonly int AfterCodeChallengeMethodsAreRead =
        OpenIddict.Client.OpenIddictClientHandlers.Discovery.ExtractCodeChallengeMethods.Descriptor.Order + 1;

    /// <summary>After OpenIddict moved the client's credentials of a pushed authorization request into the Basic header.</summary>
    public static readonly int AfterPushedRequestCredentialsAreMoved =
        OpenIddict.Client.SystemNetHttp.OpenIddictClientSystemNetHttpHandlers.AttachBasicAuthenticationCredentials<OpenIddict.Client.OpenIddictClientEvents.PreparePushedAuthorizationRequestContext>.Descriptor.Order + 1;
}
