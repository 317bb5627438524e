using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.FrontChannelLogout;

/// <summary>
/// A sign-out that ended a session with clients to tell in the browser answers with <see cref="FrontChannelLogoutPage"/>
/// instead of OpenIddict's redirect; the page goes on to where that redirect would have gone: the client's validated
/// post_logout_redirect_uri with its state (<see cref="PostLogoutAddress"/>), or the sign-out's own redirect (the
/// signed-out page). An error answer is left to OpenIddict.
/// </summary>
public sealed class RenderFrontChannelLogoutPage : IOpenIddictServerHandler<ApplyEndSessionResponseContext>
{
    public async ValueTask HandleAsync(ApplyEndSessionResponseContext context)
    {
        var http = context.Transaction.GetHttpRequest()?.HttpContext;
        var properties = context.Transaction.GetProperty<AuthenticationProperties>(typeof(AuthenticationProperties).FullName!);
        if (http is null || !string.IsNullOrEmpty(context.Response.Error) || FrontChannelLogoutFrames.Of(properties) is not { Count: > 0 } frames)
        {
            return;
        }

        await FrontChannelLogoutPage.WriteAsync(http, frames, NextAddress(context, properties), http.RequestAborted);
        context.HandleRequest();
    }

    /// <summary>The sign-out's own redirect when no post_logout_redirect_uri was given (the signed-out page), else the client's with its state.</summary>
    private static string NextAddress(ApplyEndSessionResponseContext context, AuthenticationProperties? properties) =>
        string.IsNullOrEmpty(context.PostLogoutRedirectUri) && properties?.RedirectUri is { Length: > 0 } local
            ? local
            : PostLogoutAddress.Of(context.PostLogoutRedirectUri, context.Response.State);
}
