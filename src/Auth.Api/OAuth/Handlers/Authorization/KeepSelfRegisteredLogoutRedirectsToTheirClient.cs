using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>
/// OpenIddict follows a <c>post_logout_redirect_uri</c> that any client registered when the end-session request names
/// no client (no <c>client_id</c>, no valid <c>id_token_hint</c>: OpenIddict reads on without a hint it cannot validate).
/// A client that registered itself could then register any address and have this server redirect anyone there (an
/// open redirect). So such a request is followed to a URI only when an operator's client (one that did not register
/// itself, allowed the end-session endpoint) registered it; a URI that only self-registered clients hold is
/// <c>invalid_request</c>, shown on this server's page. Naming the client (OpenID Connect RP-Initiated Logout 1.0 §2 and
/// §3) lets OpenIddict check the URI against that client's alone. A stranger that registers an operator's URI changes
/// nothing for the operator's client.
/// </summary>
public sealed class KeepSelfRegisteredLogoutRedirectsToTheirClient(IOpenIddictApplicationManager applications)
    : IOpenIddictServerHandler<ValidateEndSessionRequestContext>
{
    public async ValueTask HandleAsync(ValidateEndSessionRequestContext context)
    {
        if (context.Request.PostLogoutRedirectUri is not { Length: > 0 } uri ||
            !string.IsNullOrEmpty(context.ClientId) || context.IdentityTokenHintPrincipal is not null)
        {
            return;
        }

        var selfRegisteredOnly = false;
        await foreach (var application in applications.FindByPostLogoutRedirectUriAsync(uri, context.CancellationToken))
        {
            if (!await applications.IsSelfRegisteredAsync(application, context.CancellationToken))
            {
                if (await applications.HasPermissionAsync(application, Permissions.Endpoints.EndSession, context.CancellationToken))
                {
                    return;
                }

                continue;
            }

            selfRegisteredOnly = true;
        }

        if (selfRegisteredOnly)
        {
            context.Reject(OidcErrors.InvalidRequest,
                "This post_logout_redirect_uri is followed only for a request that names its client (id_token_hint or client_id).");
        }
    }
}
