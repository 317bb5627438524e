using Auth.Api.OAuth.FrontChannelLogout;
using Auth.Api.OAuth.Handlers.Authorization;
using Auth.Api.OAuth.Handlers.ClientAuthentication;
using Auth.Api.OAuth.Handlers.Discovery;
using Auth.Api.OAuth.Handlers.DPoP;
using Auth.Api.OAuth.Handlers.IntrospectionAndRevocation;
using Auth.Api.OAuth.Handlers.Responses;
using Auth.Api.OAuth.Handlers.Token;
using Auth.Api.OAuth.Handlers.TokenGeneration;
using Auth.Api.OAuth.Handlers.TokenValidation;
using Auth.Api.OAuth.Handlers.UserInfo;
using Auth.Api.Observability;
using static Auth.Api.OAuth.OAuthHandlerOrder;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;

namespace Auth.Api.OAuth;

/// <summary>
/// Every handler this service adds to OpenIddict's server, endpoint by endpoint, each event's handlers in the order
/// they run (<see cref="OAuthHandlerOrder"/> says where among OpenIddict's own). This is all that runs besides
/// OpenIddict's handlers; the token validation of the service's own APIs adds none. docs/security.md lists the rules
/// with the tests that try to break them.
/// </summary>
public static class OAuthServerHandlers
{
    public static OpenIddictServerBuilder AddServiceHandlers(this OpenIddictServerBuilder server)
    {
        // Introspection and revocation issue nothing and write no grant: their clients may come from memory while the
        // change feed is current (ADR 0013); every other endpoint checks the stored client.
        server.AddEventHandler<ProcessRequestContext>(h => h.UseScopedHandler<ReadClientsFromMemoryWhereNothingIsIssued>().SetOrder(AfterEndpointIsInferred));

        // Discovery: only what works, and every address under the configured issuer.
        server.AddEventHandler<HandleConfigurationRequestContext>(h => h.UseSingletonHandler<AdvertiseOnlyWhatWorks>().SetOrder(AfterDiscoveryMetadata));
        server.AddEventHandler<HandleConfigurationRequestContext>(h => h.UseSingletonHandler<AnchorEndpointsToIssuer>().SetOrder(AfterDiscoveryIsTrimmed));

        // Request objects (OpenID Connect Core §6, RFC 9101): fetched from a request_uri the client registered (at the
        // authorization endpoint), then checked and read into the request's parameters, as soon as OpenIddict has read
        // the request, at the authorization and pushed authorization endpoints.
        server.AddEventHandler<ExtractAuthorizationRequestContext>(h => h.UseScopedHandler<DereferenceRequestUris>().SetOrder(AfterAuthorizationRequestIsRead));
        server.AddEventHandler<ExtractAuthorizationRequestContext>(h => h.UseScopedHandler<ExpandRequestObjects>().SetOrder(AfterRequestUriIsDereferenced));
        server.AddEventHandler<ExtractPushedAuthorizationRequestContext>(h => h.UseScopedHandler<ExpandRequestObjects>().SetOrder(AfterPushedRequestIsRead));

        // Authorization endpoint. A repeated parameter is refused before the redirect URI is trusted; the mfa scope
        // comes alone; the claims and max_age parameters are checked (OpenID Connect Core §5.5, §3.1.2.1).
        server.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseSingletonHandler<RejectRepeatedParameters>().SetOrder(AfterRequestParameterCheck));
        server.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseSingletonHandler<KeepTheMfaScopeApart>().SetOrder(AfterAuthorizationScopePermissions));
        server.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseSingletonHandler<KeepAdminScopesToClients>().SetOrder(AfterMfaScopeIsKeptApart));
        server.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseSingletonHandler<ValidateClaimsParameter>().SetOrder(AfterAuthorizationRequestChecks));
        server.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseSingletonHandler<ValidateMaxAgeParameter>().SetOrder(AfterClaimsParameterCheck));
        server.AddEventHandler<ValidatePushedAuthorizationRequestContext>(h => h.UseSingletonHandler<KeepTheMfaScopeApart>().SetOrder(AfterPushedScopePermissions));
        server.AddEventHandler<ValidatePushedAuthorizationRequestContext>(h => h.UseSingletonHandler<KeepAdminScopesToClients>().SetOrder(AfterPushedMfaScopeIsKeptApart));
        server.AddEventHandler<ValidatePushedAuthorizationRequestContext>(h => h.UseSingletonHandler<ValidateClaimsParameter>().SetOrder(AfterPushedRequestChecks));
        server.AddEventHandler<ValidatePushedAuthorizationRequestContext>(h => h.UseSingletonHandler<ValidateMaxAgeParameter>().SetOrder(AfterPushedClaimsParameterCheck));
        server.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseScopedHandler<RequireSignedRequestObjects>().SetOrder(AfterMaxAgeParameterCheck));
        server.AddEventHandler<ValidatePushedAuthorizationRequestContext>(h => h.UseScopedHandler<RequireSignedRequestObjects>().SetOrder(AfterPushedMaxAgeParameterCheck));
        server.AddEventHandler<ProcessSignInContext>(h => h.UseSingletonHandler<StampPushedRequestTime>().SetOrder(AfterRequestTokenPrincipal));
        server.AddEventHandler<ApplyPushedAuthorizationResponseContext>(h => h.UseSingletonHandler<NormalizeErrorDescription<ApplyPushedAuthorizationResponseContext>>()
            .SetOrder(BeforeHttpStatusCode<ApplyPushedAuthorizationResponseContext>()));
        server.AddEventHandler<ApplyAuthorizationResponseContext>(h => h.UseScopedHandler<RedirectErrorsToVerifiedClients>().SetOrder(AfterRedirectUriIsAttached));
        server.AddEventHandler<ApplyAuthorizationResponseContext>(h => h.UseSingletonHandler<NormalizeErrorDescription<ApplyAuthorizationResponseContext>>()
            .SetOrder(BeforeHttpStatusCode<ApplyAuthorizationResponseContext>()));

        // End-session endpoint.
        server.AddEventHandler<ValidateEndSessionRequestContext>(h => h.UseSingletonHandler<RejectRepeatedParameters>().SetOrder(AfterPostLogoutRedirectUriParameterCheck));
        server.AddEventHandler<ValidateEndSessionRequestContext>(h => h.UseScopedHandler<KeepSelfRegisteredLogoutRedirectsToTheirClient>()
            .SetOrder(AfterLogoutHintIsValidated));
        server.AddEventHandler<ApplyEndSessionResponseContext>(h => h.UseSingletonHandler<NormalizeErrorDescription<ApplyEndSessionResponseContext>>()
            .SetOrder(BeforeHttpStatusCode<ApplyEndSessionResponseContext>()));
        server.AddEventHandler<ApplyEndSessionResponseContext>(h => h.UseSingletonHandler<RenderFrontChannelLogoutPage>().SetOrder(BeforeEndSessionRedirect));

        // Client authentication at the token, introspection and revocation endpoints: an unknown client, a wrong secret
        // and a missing secret cost the same time.
        server.AddEventHandler<ProcessAuthenticationContext>(h => h.UseScopedHandler<EqualizeClientAuthenticationCost>().SetOrder(BeforeClientIsLookedUp));

        // A private_key_jwt assertion typed JWT (or not typed) is taken as client-authentication+jwt, checked with the
        // keys of the client's jwks or fetched from its jwks_uri; then it must be
        // addressed here, short-lived, and used once across every node (docs/security.md).
        server.AddEventHandler<ValidateTokenContext>(h => h.UseSingletonHandler<AcceptGenericTypedClientAssertions>().SetOrder(AfterTokenValidationParametersAreResolved));
        server.AddEventHandler<ValidateTokenContext>(h => h.UseScopedHandler<ResolveKeysFromJwksUri>().SetOrder(AfterClientAssertionParametersAreSet));
        server.AddEventHandler<ProcessAuthenticationContext>(h => h
            .AddFilter<OpenIddict.Server.OpenIddictServerHandlerFilters.RequireClientAssertionPrincipal>()
            .UseScopedHandler<AcceptEachClientAssertionOnce>()
            .SetOrder(AfterClientAssertionIsValidated));

        // Token endpoint: request checks. OpenIddict answers a request that names no client, and a client_credentials
        // request without a secret, with invalid_request before it looks the client up; here both fail client
        // authentication like any other (401 invalid_client, RFC 6749 §5.2).
        server.RemoveEventHandler(Exchange.ValidateClientIdParameter.Descriptor);
        server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseSingletonHandler<RefuseUnidentifiedClients>().SetOrder(InPlaceOfClientIdParameterCheck));
        server.RemoveEventHandler(Exchange.ValidateClientCredentialsParameters.Descriptor);
        server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseSingletonHandler<DeferMissingClientSecretToAuthentication>()
            .SetOrder(InPlaceOfClientCredentialsParameterCheck));
        server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseSingletonHandler<RequireWellFormedCodeVerifier>().SetOrder(AfterClientCredentialsParameterCheck));
        server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseSingletonHandler<EnforceDevicePollingInterval>().SetOrder(AfterDeviceCodeParameterCheck));

        // client_credentials tokens describe a client, never a user: no openid, profile, email, offline_access or mfa.
        server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseSingletonHandler<RefuseUserScopesOnClientCredentials>().SetOrder(BeforeGrantTypePermissions));

        // A scope the client may not use is invalid_scope (RFC 6749 §5.2), not OpenIddict's invalid_request.
        server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseScopedHandler<RejectScopesOutsideClientPermissions>().SetOrder(BeforeScopePermissions));
        server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseSingletonHandler<RefuseWiderScopeOnRefresh>().SetOrder(BeforeGrantedScopes));

        // DPoP (RFC 9449): a token request's proof binds the tokens it gets to the proof's key, a pushed request's the code
        // (§10.1); the token response says token_type DPoP; both answers carry the next nonce; userinfo takes such tokens
        // with the DPoP scheme and a proof only (the service's own APIs too, in the validation pipeline: OAuthServerRegistration).
        server.AddEventHandler<ValidatePushedAuthorizationRequestContext>(h => h.UseScopedHandler<BindPushedRequestToProofKey>().SetOrder(AfterPushedRequestObjectCheck));
        server.AddEventHandler<ApplyPushedAuthorizationResponseContext>(h => h.UseSingletonHandler<SendDPoPNonce<ApplyPushedAuthorizationResponseContext>>().SetOrder(DPoPNonce));
        server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseScopedHandler<BindTokensToProofKey>().SetOrder(AfterTokenRequestChecks));
        server.AddEventHandler<ValidateTokenContext>(h => h.UseSingletonHandler<LeaveKeyBindingToDPoPChecks>().SetOrder(BeforeProofOfPossessionCheck));
        server.AddEventHandler<ProcessSignInContext>(h => h.UseSingletonHandler<AttachProofKey>().SetOrder(BeforeTokensAreGenerated));
        server.AddEventHandler<ProcessSignInContext>(h => h.UseSingletonHandler<AddressAccessTokensToTheIssuerByDefault>().SetOrder(AfterTokenPrincipalsArePrepared));
        server.AddEventHandler<ApplyTokenResponseContext>(h => h.UseSingletonHandler<ReportDPoPTokenType>().SetOrder(DPoPTokenType));
        server.AddEventHandler<ApplyTokenResponseContext>(h => h.UseSingletonHandler<SendDPoPNonce<ApplyTokenResponseContext>>().SetOrder(DPoPNonce));
        server.AddEventHandler<ExtractUserInfoRequestContext>(h => h.UseSingletonHandler<AcceptDPoPUserInfoTokens>().SetOrder(AfterUserInfoAccessTokenIsRead));
        server.AddEventHandler<ValidateUserInfoRequestContext>(h => h.UseScopedHandler<RequireUserInfoProofOfPossession>().SetOrder(AfterUserInfoAccessTokenIsValidated));
        server.AddEventHandler<ApplyUserInfoResponseContext>(h => h.UseSingletonHandler<ChallengeWithDPoP>().SetOrder(AfterUserInfoChallengeIsWritten));

        // Token exchange (RFC 8693): a confidential client, a token it received, an actor token of its own; scope and
        // audience only narrowed.
        server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseScopedHandler<NarrowTokenExchange>().SetOrder(AfterGrantedScopes));

        // Token endpoint: issuing (the pass-through endpoint has built the principal by now).
        server.AddEventHandler<ProcessSignInContext>(h => h.UseScopedHandler<RedeemRefreshTokenOnce>().SetOrder(BeforeTokenEntryIsRedeemed));
        server.AddEventHandler<ProcessSignInContext>(h => h.UseSingletonHandler<ReportExactExpiresIn>().SetOrder(AfterSignInParameters));
        server.AddEventHandler<ProcessSignInContext>(h => h.UseSingletonHandler<ReportOAuthOutcomes>().SetOrder(AfterExpiresInIsExact));
        server.AddEventHandler<GenerateTokenContext>(h => h.UseSingletonHandler<KeepNoRowForAccessTokens>().SetOrder(BeforeTokenEntryIsCreated));
        server.AddEventHandler<GenerateTokenContext>(h => h.UseSingletonHandler<UseTimeOrderedTokenIds>().SetOrder(BeforeClaimsAreTrimmed));
        server.AddEventHandler<GenerateTokenContext>(h => h.UseSingletonHandler<OmitPrivateClaimsFromIdentityTokens>().SetOrder(BeforeTokenIsSerialized));

        // Every access token validated (introspection, revocation, userinfo) is checked against the revocations
        // every node holds in memory; the service's own APIs run the same check (OAuthServerRegistration).
        server.AddEventHandler<ValidateTokenContext>(h => h.UseSingletonHandler<RefuseRevokedAccessTokens>().SetOrder(AfterAuthorizationEntryCheck));

        // Token endpoint: the response. ReportOAuthOutcomes counts what the token, introspection and revocation
        // endpoints answered, and audits tokens issued and revoked and a used code or refresh token presented again.
        server.AddEventHandler<ApplyTokenResponseContext>(h => h.UseSingletonHandler<CompleteTokenResponsesOutsideHttp>().SetOrder(FirstOnTokenResponse));
        server.AddEventHandler<ApplyTokenResponseContext>(h => h.UseSingletonHandler<EchoGrantedScope>().SetOrder(BeforeOutcomeIsReported));
        server.AddEventHandler<ApplyTokenResponseContext>(h => h.UseSingletonHandler<AnswerRefusedExchangeTokensAsInvalidRequest>().SetOrder(ErrorBeforeOutcomeIsReported));
        server.AddEventHandler<ApplyTokenResponseContext>(h => h.UseSingletonHandler<ReportOAuthOutcomes>().SetOrder(BeforeErrorResponseIsNormalized));
        server.AddEventHandler<ApplyTokenResponseContext>(h => h.UseSingletonHandler<NormalizeErrorDescription<ApplyTokenResponseContext>>()
            .SetOrder(BeforeHttpStatusCode<ApplyTokenResponseContext>()));

        // Userinfo endpoint: the access token comes from the Authorization header or a POST form body, never the query string.
        server.AddEventHandler<ExtractUserInfoRequestContext>(h => h.UseSingletonHandler<IgnoreAccessTokenInQueryString>().SetOrder(AfterUserInfoRequestIsRead));
        server.AddEventHandler<ApplyUserInfoResponseContext>(h => h.UseSingletonHandler<NormalizeErrorDescription<ApplyUserInfoResponseContext>>()
            .SetOrder(BeforeHttpStatusCode<ApplyUserInfoResponseContext>()));

        // Introspection endpoint: client B learns nothing about client A's tokens, including tokens without audience;
        // a resource server may introspect the tokens addressed to it.
        server.AddEventHandler<ValidateIntrospectionRequestContext>(h => h.UseSingletonHandler<RestrictTokenToItsParties>().SetOrder(AfterIntrospectionAuthorizedParty));
        server.AddEventHandler<ApplyIntrospectionResponseContext>(h => h.UseSingletonHandler<ReportOAuthOutcomes>().SetOrder(BeforeErrorResponseIsNormalized));
        server.AddEventHandler<ApplyIntrospectionResponseContext>(h => h.UseSingletonHandler<NormalizeErrorDescription<ApplyIntrospectionResponseContext>>()
            .SetOrder(BeforeHttpStatusCode<ApplyIntrospectionResponseContext>()));

        // Revocation endpoint: only the client a token was issued to revokes it, and a refresh token takes its grant along.
        server.AddEventHandler<ValidateRevocationRequestContext>(h => h.UseSingletonHandler<RestrictTokenToItsParties>().SetOrder(AfterRevocationAuthorizedParty));
        // OpenIddict revokes a token's row only for a token that has one; DenyRevokedAccessToken takes the others. The
        // descriptor is swapped in place: RemoveEventHandler would also remove its replacement.
        server.Services.AddSingleton<RequireTokenEntry>();
        server.Configure(options =>
        {
            var index = options.Handlers.FindIndex(d => d.ServiceDescriptor.ServiceType == typeof(Revocation.RevokeToken));
            options.Handlers[index] = OpenIddict.Server.OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
                .Import(Revocation.RevokeToken.Descriptor).AddFilter<RequireTokenEntry>().Build();
        });
        server.AddEventHandler<HandleRevocationRequestContext>(h => h.UseScopedHandler<DenyRevokedAccessToken>().SetOrder(BeforeTokenIsRevoked));
        server.AddEventHandler<HandleRevocationRequestContext>(h => h.UseScopedHandler<RevokeTheGrantOfARevokedRefreshToken>().SetOrder(AfterTokenIsRevoked));
        server.AddEventHandler<ApplyRevocationResponseContext>(h => h.UseSingletonHandler<ReportOAuthOutcomes>().SetOrder(BeforeErrorResponseIsNormalized));
        server.AddEventHandler<ApplyRevocationResponseContext>(h => h.UseSingletonHandler<NormalizeErrorDescription<ApplyRevocationResponseContext>>()
            .SetOrder(BeforeHttpStatusCode<ApplyRevocationResponseContext>()));
        return server;
    }

    /// <summary>The handlers this service adds to OpenIddict's client, which signs people in at upstream identity providers.</summary>
    public static OpenIddictClientBuilder AddServiceHandlers(this OpenIddictClientBuilder client)
    {
        // A callback for a provider removed since the sign-in started is refused before OpenIddict looks its registration up.
        client.AddEventHandler<OpenIddict.Client.OpenIddictClientEvents.ProcessAuthenticationContext>(h => h
            .AddFilter<OpenIddict.Client.OpenIddictClientHandlerFilters.RequireStateTokenPrincipal>()
            .AddFilter<OpenIddict.Client.OpenIddictClientHandlerFilters.RequireStateTokenValidated>()
            .UseSingletonHandler<Federation.Handlers.RefuseStateOfRemovedProvider>()
            .SetOrder(BeforeClientRegistrationIsResolved));

        // A challenge that fails at the upstream ends on the error page of the page that started it, not in plain text.
        client.AddEventHandler<OpenIddict.Client.OpenIddictClientEvents.ProcessErrorContext>(h => h
            .AddFilter<OpenIddict.Client.AspNetCore.OpenIddictClientAspNetCoreHandlerFilters.RequireHttpRequest>()
            .UseSingletonHandler<Federation.Handlers.HandChallengeFailuresToThePage>()
            .SetOrder(BeforeChallengeErrorIsWritten));

        // PKCE with S256 even when the upstream's discovery does not list it (Entra's does not).
        client.AddEventHandler<OpenIddict.Client.OpenIddictClientEvents.HandleConfigurationResponseContext>(h => h
            .UseSingletonHandler<Federation.Handlers.AssumeS256WhenPkceIsNotAdvertised>()
            .SetOrder(AfterCodeChallengeMethodsAreRead));

        // A pushed authorization request keeps its client_id beside Basic credentials (RFC 9126 §2.1).
        client.AddEventHandler<OpenIddict.Client.OpenIddictClientEvents.PreparePushedAuthorizationRequestContext>(h => h
            .UseSingletonHandler<Federation.Handlers.KeepClientIdInPushedRequests>()
            .SetOrder(AfterPushedRequestCredentialsAreMoved));
        return client;
    }
}
