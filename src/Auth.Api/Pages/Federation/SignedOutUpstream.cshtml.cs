using System.Security.Claims;
using Auth.Api.Federation;
using Auth.Api.OAuth.FrontChannelLogout;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.Pages.Federation;

/// <summary>
/// The post-logout redirect URI the upstream sends the browser back to after its logout (<see cref="UpstreamLogout"/>).
/// OpenIddict has checked the state: minted by this service for a logout, at this provider's path, in this browser,
/// used once. Its target is where this service's own logout was going (a post_logout_redirect_uri already checked
/// against the client's registration, or the signed-out page), through the front-channel logout page when the ended
/// session had clients to tell in the browser. Anything else shows the signed-out page with a 400: the
/// local session ended before the upstream was visited, and an unchecked state never leads anywhere.
/// </summary>
public sealed class SignedOutUpstreamModel(OpenIddictClientService clients) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string providerId, CancellationToken cancellationToken)
    {
        // Without upstream logout the path is no OpenIddict endpoint, and there is no state to check.
        if (!await UpstreamLogout.HasPostLogoutRedirectUriAsync(clients, providerId, cancellationToken))
        {
            return Refused();
        }

        var result = await HttpContext.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        var state = result.Succeeded
            ? result.Properties?.GetParameter<ClaimsPrincipal>(OpenIddictClientAspNetCoreConstants.Properties.StateTokenPrincipal)
            : null;
        if (state?.GetClaim(Claims.Private.RegistrationId) != providerId || result.Properties?.RedirectUri is not { Length: > 0 } target)
        {
            return Refused();
        }

        // The session's clients with a front-channel logout URI are loaded on the way on (Front-Channel Logout 1.0 §3).
        if (FrontChannelLogoutFrames.Of(result.Properties) is { Count: > 0 } frames)
        {
            await FrontChannelLogoutPage.WriteAsync(HttpContext, frames, target, cancellationToken);
            return new EmptyResult();
        }

        return Redirect(target);
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
