using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>
/// RFC 6749 §4.1.2.1: once the client and its redirect URI are known to be good, other errors of an authorization
/// request (an unsupported PKCE method, a missing challenge, an unknown scope) go back to that redirect URI with the
/// request's state, so the application can tell its user. OpenIddict shows every validation error locally instead.
/// This restores the redirect only when the client exists, the redirect URI equals one registered for it, and no
/// parameter was repeated; anything else stays on this server's error page.
/// </summary>
public sealed class RedirectErrorsToVerifiedClients(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
{
    public async ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        if (context.RedirectUri is not null || string.IsNullOrEmpty(context.Error) || context.Request is not { } request ||
            request.GetParameters().Any(p => ((Microsoft.Extensions.Primitives.StringValues)p.Value).Count > 1) ||
            string.IsNullOrEmpty(request.ClientId) || string.IsNullOrEmpty(request.RedirectUri))
        {
            return;
        }

        var application = await applications.FindByClientIdAsync(request.ClientId, context.CancellationToken);
        if (application is not null && await applications.ValidateRedirectUriAsync(application, request.RedirectUri, context.CancellationToken))
        {
            context.RedirectUri = request.RedirectUri;
        }
    }
}
