using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;

namespace Auth.Api.OAuth;

/// <summary>
/// Where a sign-out ends (OpenID Connect RP-Initiated Logout 1.0 §3): the post_logout_redirect_uri OpenIddict has
/// checked against the client's registered ones, with the request's state, or the signed-out page. The one rule for
/// every way out: OpenIddict's redirect, the front-channel logout page (<see cref="FrontChannelLogout.RenderFrontChannelLogoutPage"/>)
/// and the return from an upstream provider's logout (<see cref="Federation.UpstreamLogout"/>).
/// </summary>
public static class PostLogoutAddress
{
    public static string Of(string? postLogoutRedirectUri, string? state) => postLogoutRedirectUri switch
    {
        { Length: > 0 } uri when !string.IsNullOrEmpty(state) => QueryHelpers.AddQueryString(uri, OpenIddictConstants.Parameters.State, state),
        { Length: > 0 } uri => uri,
        _ => Routes.SignedOut,
    };
}
