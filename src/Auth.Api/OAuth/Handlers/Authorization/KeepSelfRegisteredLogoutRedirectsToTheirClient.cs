using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>
/// OpenIddict follows a <c>post_logout_redirect_uri</c> that any client registered when the end-session request names
/// no client (no <c>client_id</c>, no <c>id_token_hint</c>). A client that registered itself could then register any
/// address and have this server redirect anyone there (an open redirect). So a URI that a self-registered client
/// registered is followed only for a request that names the client (OpenID Connect RP-Initiated Logout 1.0 §2 and §3:
/// OpenIddict then checks the URI against that client's alone); without one it is <c>invalid_request</c>, shown on this
/// server's page.
/// </summary>
public sealed class KeepSelfRegisteredLogoutRedirectsToTheirClient(IOpenIddictApplicationManager applications)
    : IOpenIddictServerHandler<ValidateEndSessionRequestContext>
{
    public async ValueTask HandleAsync(ValidateEndSessionRequestContext context)
    {
        if (context.Request.PostLogoutRedirectUri is not { Length: > 0 } uri ||
            !string.IsNullOrEmpty(context.Request.ClientId) || !string.IsNullOrEmpty(context.Request.IdTokenHint))
        {
            return;
        }

        await foreach (var application in applications.FindByPostLogoutRedirectUriAsync(uri, context.CancellationToken))
        {
            if (await applications.IsSelfRegisteredAsync(application, context.CancellationToken))
            {
                context.Reject(OidcErrors.InvalidRequest,
                    "This post_logout_redirect_uri is followed only for a request that names its client (id_token_hint or client_id).");
                return;
            }
        }
    }
}
