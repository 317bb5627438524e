using Auth.Api.OAuth.Handlers.ClientAuthentication;
using Auth.Api.OAuth.Handlers.IntrospectionAndRevocation;
using Auth.Api.OAuth.Handlers.Token;
using Auth.Api.OAuth.Handlers.UserInfo;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;
using AspNetCoreHandlers = OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlers;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>
/// Rules this service adds to OpenIddict's authorization code, refresh, userinfo and logout handling
/// (docs/security.md lists them with the tests that try to break them).
/// </summary>
public static class AuthorizationCodeFlowRules
{
    public static void Register(OpenIddictServerBuilder options)
    {
        options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler
            .UseSingletonHandler<RejectRepeatedParameters>()
            .SetOrder(int.MinValue + 100_000));
        options.AddEventHandler<ValidateEndSessionRequestContext>(handler => handler
            .UseSingletonHandler<RejectRepeatedParameters>()
            .SetOrder(int.MinValue + 100_000));

        options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler
            .UseSingletonHandler<KeepTheMfaScopeApart>()
            .SetOrder(Authentication.ValidateScopePermissions.Descriptor.Order + 1));

        // Userinfo takes its access token from the Authorization header or a POST form body, never the query string.
        options.AddEventHandler<ExtractUserInfoRequestContext>(handler => handler
            .UseSingletonHandler<IgnoreAccessTokenInQueryString>()
            .SetOrder(AspNetCoreHandlers.ExtractGetOrPostRequest<ExtractUserInfoRequestContext>.Descriptor.Order + 1));

        options.AddEventHandler<ValidateTokenRequestContext>(handler => handler
            .UseSingletonHandler<RequireWellFormedCodeVerifier>()
            .SetOrder(Exchange.ValidateClientCredentialsParameters.Descriptor.Order + 1));

        options.AddEventHandler<ValidateTokenRequestContext>(handler => handler
            .UseSingletonHandler<RefuseWiderScopeOnRefresh>()
            .SetOrder(Exchange.ValidateGrantedScopes.Descriptor.Order - 1));

        options.AddEventHandler<ApplyAuthorizationResponseContext>(handler => handler
            .UseScopedHandler<RedirectErrorsToVerifiedClients>()
            .SetOrder(Authentication.AttachRedirectUri.Descriptor.Order + 1));

        options.AddEventHandler<ProcessSignInContext>(handler => handler
            .UseScopedHandler<RedeemRefreshTokenOnce>()
            .SetOrder(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor.Order - 1));

        options.AddEventHandler<HandleRevocationRequestContext>(handler => handler
            .UseScopedHandler<RevokeTheGrantOfARevokedRefreshToken>()
            .SetOrder(Revocation.RevokeToken.Descriptor.Order + 1));

        options.AddEventHandler<ApplyAuthorizationResponseContext>(handler => handler
            .UseSingletonHandler<ClientAuthenticationHardening.NormalizeErrorDescription<ApplyAuthorizationResponseContext>>()
            .SetOrder(AspNetCoreHandlers.AttachHttpResponseCode<ApplyAuthorizationResponseContext>.Descriptor.Order - 1));
        options.AddEventHandler<ApplyUserInfoResponseContext>(handler => handler
            .UseSingletonHandler<ClientAuthenticationHardening.NormalizeErrorDescription<ApplyUserInfoResponseContext>>()
            .SetOrder(AspNetCoreHandlers.AttachHttpResponseCode<ApplyUserInfoResponseContext>.Descriptor.Order - 1));
        options.AddEventHandler<ApplyEndSessionResponseContext>(handler => handler
            .UseSingletonHandler<ClientAuthenticationHardening.NormalizeErrorDescription<ApplyEndSessionResponseContext>>()
            .SetOrder(AspNetCoreHandlers.AttachHttpResponseCode<ApplyEndSessionResponseContext>.Descriptor.Order - 1));
    }
}
