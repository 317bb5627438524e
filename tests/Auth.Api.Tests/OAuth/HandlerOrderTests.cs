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
using Auth.Api.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;
using AspNetCoreHandlers = OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlers;

namespace Auth.Api.Tests.OAuth;

/// <summary>
/// The running server's OpenIddict pipeline: each of this service's handlers runs where its rule needs it among
/// OpenIddict's own, in the order the dispatcher visits them, and no handler is registered that this list lacks.
/// </summary>
public sealed class HandlerOrderTests(StoreKind store) : ServerTest(store)
{
    /// <summary>Per event: this service's handlers with the built-in ones that fix their place, in the order they must run.</summary>
    private static readonly (Type Context, Type[] Sequence)[] Pipeline =
    [
        (typeof(ProcessRequestContext), [typeof(InferEndpointType), typeof(ReadClientsFromMemoryWhereNothingIsIssued)]),
        (typeof(HandleConfigurationRequestContext), [typeof(Discovery.AttachAdditionalMetadata), typeof(AdvertiseOnlyWhatWorks), typeof(AnchorEndpointsToIssuer)]),
        // A request object is fetched from a registered request_uri, then read into the request's parameters, once
        // OpenIddict has read them (and a pushed request's Basic credentials).
        (typeof(ExtractAuthorizationRequestContext),
        [
            typeof(AspNetCoreHandlers.ExtractGetOrPostRequest<ExtractAuthorizationRequestContext>), typeof(DereferenceRequestUris), typeof(ExpandRequestObjects),
        ]),
        (typeof(ExtractPushedAuthorizationRequestContext),
        [
            typeof(AspNetCoreHandlers.ExtractPostRequest<ExtractPushedAuthorizationRequestContext>),
            typeof(AspNetCoreHandlers.ExtractBasicAuthenticationCredentials<ExtractPushedAuthorizationRequestContext>), typeof(ExpandRequestObjects),
        ]),
        (typeof(ValidateAuthorizationRequestContext),
        [
            typeof(Authentication.ValidateRequestParameter), typeof(RejectRepeatedParameters), typeof(Authentication.ValidateRequestUriParameter),
            typeof(Authentication.ValidateRedirectUriParameter), typeof(Authentication.ValidateScopePermissions), typeof(KeepTheMfaScopeApart), typeof(KeepAdminScopesToClients),
            typeof(Authentication.ValidateResourcePermissions), typeof(Authentication.ValidateAuthorizedParty), typeof(ValidateClaimsParameter),
            typeof(ValidateMaxAgeParameter), typeof(RequireSignedRequestObjects),
        ]),
        (typeof(ApplyAuthorizationResponseContext),
        [
            typeof(Authentication.AttachRedirectUri), typeof(RedirectErrorsToVerifiedClients), typeof(Authentication.InferResponseMode),
            typeof(NormalizeErrorDescription<ApplyAuthorizationResponseContext>), typeof(AspNetCoreHandlers.AttachHttpResponseCode<ApplyAuthorizationResponseContext>),
        ]),
        // A pushed request is checked as an authorization request is (RFC 9126 §2.1), at the same places.
        (typeof(ValidatePushedAuthorizationRequestContext),
        [
            typeof(Authentication.ValidatePushedScopePermissions), typeof(KeepTheMfaScopeApart), typeof(KeepAdminScopesToClients),
            typeof(Authentication.ValidatePushedAuthorizedParty), typeof(ValidateClaimsParameter), typeof(ValidateMaxAgeParameter),
            typeof(RequireSignedRequestObjects), typeof(BindPushedRequestToProofKey),
        ]),
        (typeof(ApplyPushedAuthorizationResponseContext),
        [
            typeof(SendDPoPNonce<ApplyPushedAuthorizationResponseContext>),
            typeof(NormalizeErrorDescription<ApplyPushedAuthorizationResponseContext>),
            typeof(AspNetCoreHandlers.AttachHttpResponseCode<ApplyPushedAuthorizationResponseContext>),
        ]),
        // OpenIddict gives its request_uri check the same order as its post_logout_redirect_uri check, and sorts with an
        // unstable sort: which of the two runs first is not OpenIddict's promise, so only the latter is placed here.
        (typeof(ValidateEndSessionRequestContext),
        [
            typeof(Session.ValidatePostLogoutRedirectUriParameter), typeof(RejectRepeatedParameters),
            typeof(Session.ValidateAuthentication), typeof(KeepSelfRegisteredLogoutRedirectsToTheirClient), typeof(Session.ValidateClientPostLogoutRedirectUri),
        ]),
        // The front-channel logout page answers before either of OpenIddict's redirects would.
        (typeof(ApplyEndSessionResponseContext),
        [
            typeof(NormalizeErrorDescription<ApplyEndSessionResponseContext>), typeof(AspNetCoreHandlers.AttachHttpResponseCode<ApplyEndSessionResponseContext>),
            typeof(RenderFrontChannelLogoutPage), typeof(AspNetCoreHandlers.Session.ProcessQueryResponse), typeof(AspNetCoreHandlers.Session.ProcessHostRedirectionResponse),
        ]),
        (typeof(ProcessAuthenticationContext), [typeof(ValidateClientAssertionIssuer), typeof(EqualizeClientAuthenticationCost), typeof(ValidateClientId)]),
        (typeof(ValidateTokenRequestContext),
        [
            typeof(RefuseUnidentifiedClients), typeof(Exchange.ValidateAuthorizationCodeParameter), typeof(DeferMissingClientSecretToAuthentication),
            typeof(RequireWellFormedCodeVerifier),
            typeof(Exchange.ValidateDeviceCodeParameter), typeof(EnforceDevicePollingInterval), typeof(Exchange.ValidateAuthentication), typeof(Exchange.ValidateEndpointPermissions),
            typeof(RefuseUserScopesOnClientCredentials), typeof(Exchange.ValidateGrantTypePermissions), typeof(RejectScopesOutsideClientPermissions),
            typeof(Exchange.ValidateScopePermissions), typeof(Exchange.ValidateCodeVerifier), typeof(RefuseWiderScopeOnRefresh), typeof(Exchange.ValidateGrantedScopes),
            typeof(NarrowTokenExchange), typeof(BindTokensToProofKey),
        ]),
        // A DPoP proof's key is written into the tokens' principals after they are prepared, before any is generated.
        (typeof(ProcessSignInContext),
        [
            typeof(PrepareAccessTokenPrincipal), typeof(PrepareAuthorizationCodePrincipal), typeof(PrepareIssuedTokenPrincipal), typeof(PrepareRefreshTokenPrincipal),
            typeof(AddressAccessTokensToTheIssuerByDefault), typeof(AttachProofKey), typeof(GenerateAccessToken), typeof(GenerateAuthorizationCode), typeof(GenerateIssuedToken),
            typeof(GenerateRefreshToken),
        ]),
        (typeof(ValidateTokenContext), [typeof(LeaveKeyBindingToDPoPChecks), typeof(Protection.ValidateProofOfPossession)]),
        (typeof(ProcessSignInContext),
        [
            typeof(ValidateSignInDemand), typeof(RedeemRefreshTokenOnce), typeof(RedeemTokenEntry), typeof(AttachSignInParameters),
            typeof(ReportExactExpiresIn), typeof(ReportOAuthOutcomes), typeof(Exchange.ApplyTokenResponse<ProcessSignInContext>),
        ]),
        (typeof(ProcessSignInContext), [typeof(PrepareRequestTokenPrincipal), typeof(StampPushedRequestTime), typeof(GenerateRequestToken)]),
        (typeof(GenerateTokenContext),
        [
            typeof(KeepNoRowForAccessTokens), typeof(Protection.CreateTokenEntry), typeof(Protection.AttachTokenMetadata),
            typeof(UseTimeOrderedTokenIds), typeof(OmitPrivateClaimsFromIdentityTokens), typeof(Protection.GenerateIdentityModelToken),
        ]),
        (typeof(ValidateTokenContext), [typeof(Protection.ValidateAuthorizationEntry), typeof(RefuseRevokedAccessTokens)]),
        (typeof(ValidateTokenContext), [typeof(Protection.ResolveTokenValidationParameters), typeof(AcceptGenericTypedClientAssertions), typeof(ResolveKeysFromJwksUri),
            typeof(Protection.ValidateIdentityModelToken)]),
        (typeof(ProcessAuthenticationContext), [typeof(ValidateClientAssertion), typeof(AcceptEachClientAssertionOnce)]),
        (typeof(ApplyTokenResponseContext),
        [
            typeof(CompleteTokenResponsesOutsideHttp), typeof(ReportDPoPTokenType), typeof(SendDPoPNonce<ApplyTokenResponseContext>), typeof(EchoGrantedScope), typeof(AnswerRefusedExchangeTokensAsInvalidRequest),
            typeof(ReportOAuthOutcomes), typeof(Exchange.NormalizeErrorResponse),
            typeof(NormalizeErrorDescription<ApplyTokenResponseContext>), typeof(AspNetCoreHandlers.AttachHttpResponseCode<ApplyTokenResponseContext>),
        ]),
        (typeof(ExtractUserInfoRequestContext),
        [
            typeof(AspNetCoreHandlers.ExtractGetOrPostRequest<ExtractUserInfoRequestContext>), typeof(IgnoreAccessTokenInQueryString),
            typeof(AspNetCoreHandlers.ExtractAccessToken<ExtractUserInfoRequestContext>), typeof(AcceptDPoPUserInfoTokens),
        ]),
        (typeof(ValidateUserInfoRequestContext), [typeof(UserInfo.ValidateAuthentication), typeof(RequireUserInfoProofOfPossession)]),
        (typeof(ApplyUserInfoResponseContext),
        [
            typeof(NormalizeErrorDescription<ApplyUserInfoResponseContext>), typeof(AspNetCoreHandlers.AttachHttpResponseCode<ApplyUserInfoResponseContext>),
            typeof(AspNetCoreHandlers.AttachWwwAuthenticateHeader<ApplyUserInfoResponseContext>), typeof(ChallengeWithDPoP),
        ]),
        (typeof(ValidateIntrospectionRequestContext), [typeof(Introspection.ValidateAuthorizedParty), typeof(RestrictTokenToItsParties)]),
        (typeof(ApplyIntrospectionResponseContext),
        [
            typeof(ReportOAuthOutcomes), typeof(Introspection.NormalizeErrorResponse),
            typeof(NormalizeErrorDescription<ApplyIntrospectionResponseContext>), typeof(AspNetCoreHandlers.AttachHttpResponseCode<ApplyIntrospectionResponseContext>),
        ]),
        (typeof(ValidateRevocationRequestContext), [typeof(Revocation.ValidateAuthorizedParty), typeof(RestrictTokenToItsParties)]),
        (typeof(HandleRevocationRequestContext), [typeof(DenyRevokedAccessToken), typeof(Revocation.RevokeToken), typeof(RevokeTheGrantOfARevokedRefreshToken)]),
        (typeof(ApplyRevocationResponseContext),
        [
            typeof(ReportOAuthOutcomes), typeof(Revocation.NormalizeErrorResponse),
            typeof(NormalizeErrorDescription<ApplyRevocationResponseContext>), typeof(AspNetCoreHandlers.AttachHttpResponseCode<ApplyRevocationResponseContext>),
        ]),
    ];

    /// <summary>The events whose last handler, of all, is one of this service's: nothing of OpenIddict's may come after it.</summary>
    private static readonly (Type Context, Type Handler)[] Last =
    [
        (typeof(HandleConfigurationRequestContext), typeof(AnchorEndpointsToIssuer)),
        (typeof(ValidateAuthorizationRequestContext), typeof(RequireSignedRequestObjects)),
        (typeof(ValidatePushedAuthorizationRequestContext), typeof(BindPushedRequestToProofKey)),
        (typeof(ValidateIntrospectionRequestContext), typeof(RestrictTokenToItsParties)),
        (typeof(ValidateRevocationRequestContext), typeof(RestrictTokenToItsParties)),
        (typeof(HandleRevocationRequestContext), typeof(RevokeTheGrantOfARevokedRefreshToken)),
    ];

    private static IEnumerable<TestCaseData> Events() =>
        Pipeline.Select(e => new TestCaseData(e.Context, e.Sequence).SetArgDisplayNames(e.Context.Name));

    private List<OpenIddictServerHandlerDescriptor> Handlers =>
        Server.Services.GetRequiredService<IOptions<OpenIddictServerOptions>>().Value.Handlers;

    [TestCaseSource(nameof(Events))]
    public void The_handlers_of_an_event_run_in_the_order_their_rules_need(Type context, Type[] sequence)
    {
        var visited = Handlers
            .Where(h => h.ContextType == context && sequence.Contains(h.ServiceDescriptor.ServiceType))
            .Select(h => h.ServiceDescriptor.ServiceType);

        Assert.That(visited, Is.EqualTo(sequence));
    }

    [Test]
    public void The_handlers_that_must_close_an_event_close_it()
    {
        Assert.Multiple(() =>
        {
            foreach (var (context, handler) in Last)
            {
                Assert.That(Handlers.Last(h => h.ContextType == context).ServiceDescriptor.ServiceType, Is.EqualTo(handler), context.Name);
            }

            Assert.That(Handlers.First(h => h.ContextType == typeof(ApplyTokenResponseContext)).ServiceDescriptor.ServiceType,
                Is.EqualTo(typeof(CompleteTokenResponsesOutsideHttp)));
        });
    }

    [Test]
    public void Every_handler_of_this_service_is_in_the_expected_pipeline_once()
    {
        var registered = Handlers
            .Where(h => h.ServiceDescriptor.ServiceType.Namespace!.StartsWith("Auth.", StringComparison.Ordinal))
            .Select(h => (h.ContextType, h.ServiceDescriptor.ServiceType))
            .ToList();
        var expected = Pipeline
            .SelectMany(e => e.Sequence.Where(t => t.Namespace!.StartsWith("Auth.", StringComparison.Ordinal)).Select(t => (e.Context, t)))
            .ToList();

        Assert.That(registered, Is.EquivalentTo(expected));
    }

    [Test]
    public void OpenIddicts_revocation_of_a_row_runs_once_and_only_for_a_token_with_a_row()
    {
        var revokeToken = Handlers.Where(h => h.ServiceDescriptor.ServiceType == typeof(Revocation.RevokeToken)).ToList();

        Assert.That(revokeToken, Has.Count.EqualTo(1));
        Assert.That(revokeToken[0].FilterTypes, Does.Contain(typeof(RequireTokenEntry)));
    }

    [Test]
    public void OpenIddicts_checks_of_a_missing_client_id_and_secret_are_replaced()
    {
        Assert.That(Handlers.Select(h => h.ServiceDescriptor.ServiceType), Does.Not.Contain(typeof(Exchange.ValidateClientCredentialsParameters)));
        Assert.That(Handlers.Select(h => h.ServiceDescriptor.ServiceType), Does.Not.Contain(typeof(Exchange.ValidateClientIdParameter)));
    }
}
