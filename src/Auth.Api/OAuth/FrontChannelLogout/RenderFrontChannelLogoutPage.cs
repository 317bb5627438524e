using System.Collections.Immutable;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.FrontChannelLogout;

/// <summary>
/// A sign-out that ended a session with clients to tell in the browser answers with <see cref="FrontChannelLogoutPage"/>
/// instead of OpenIddict's redirect; the page goes on to where that redirect would have gone: the client's validated
/// post_logout_redirect_uri with the response's parameters (state) added to its query, as OpenIddict adds them, or the sign-out's
/// own redirect (the signed-out page). An error answer is left to OpenIddict.
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

    private static string NextAddress(ApplyEndSessionResponseContext context, AuthenticationProperties? properties)
    {
        if (string.IsNullOrEmpty(context.PostLogoutRedirectUri))
        {
            return properties?.RedirectUri is { Length: > 0 } local ? local : Routes.SignedOut;
        }

        // As OpenIddict's ProcessQueryResponse builds it: every non-empty value of every response parameter (state).
        var location = context.PostLogoutRedirectUri;
        foreach (var (name, value) in context.Response.GetParameters())
        {
            foreach (var single in (ImmutableArray<string?>?)value ?? [])
            {
                if (!string.IsNullOrEmpty(single))
                {
                    location = QueryHelpers.AddQueryString(location, name, single);
                }
            }
        }

        return location;
    }
}
