using Auth.Api.Federation;
using Auth.Api.OAuth;
using Auth.Api.OAuth.FrontChannelLogout;
using Auth.Api.SignIn;
using Auth.Application.IdentityProviders;
using Mediator;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;
using OpenIddict.Server.AspNetCore;

namespace Auth.Api.Pages.OAuth;

/// <summary>
/// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0). OpenIddict has checked that any
/// post_logout_redirect_uri is registered for the client; this ends the session (its row is deleted) and lets
/// OpenIddict redirect there, or to the signed-out page. A request without an id_token_hint could come from any site,
/// so the user confirms it first (§2, §6); one with a hint that is not a valid ID token of this server is refused.
/// A session begun at a provider with upstream logout on then goes on to that provider's logout (<see cref="UpstreamLogout"/>);
/// a sign-out of a session whose clients have front-channel logout URIs loads them in the browser on the way out
/// (OpenID Connect Front-Channel Logout 1.0: <see cref="RenderFrontChannelLogoutPage"/>, or when the upstream sends the
/// browser back).
/// </summary>
[IgnoreAntiforgeryToken] // Relying parties may POST logout requests; the confirmation form is checked below.
public sealed class LogoutModel(IAntiforgery antiforgery, ISender sender, OpenIddictClientService clients, IOptions<OAuthOptions> oauth) : ProtocolPageModel
{
    public const string ConfirmField = "confirm";

    public IReadOnlyList<KeyValuePair<string, string>> RequestParameters { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => LogoutAsync(confirmed: false);

    public async Task<IActionResult> OnPostAsync([FromForm(Name = ConfirmField)] string? confirm) =>
        await LogoutAsync(confirm is not null && await antiforgery.IsRequestValidAsync(HttpContext));

    private async Task<IActionResult> LogoutAsync(bool confirmed)
    {
        if (HttpContext.GetOpenIddictServerResponse() is { Error: { Length: > 0 } error } failure)
        {
            return ShowError(error, failure.ErrorDescription);
        }

        // A hint that is present and not one of this server's ID tokens is an error, not a request to confirm.
        var request = HttpContext.GetOpenIddictServerRequest();
        var (hintGiven, hintedUser) = await IdTokenHint.ReadAsync(HttpContext, request);
        if (hintGiven && hintedUser is null)
        {
            return ShowError(OpenIddictConstants.Errors.InvalidRequest, "The id_token_hint is not an ID token issued by this server.");
        }

        // The hint must name the user of this session: any other valid ID token says nothing about who asked.
        var session = await SessionCookie.CurrentAsync(HttpContext);
        var hinted = hintedUser is not null && (session is null || hintedUser == SessionPrincipal.UserId(session));
        if (!confirmed && !hinted)
        {
            RequestParameters = request is null ? [] : ProtocolForm.Fields(request, ConfirmField).ToList();
            return Page();
        }

        var sessionId = session is null ? null : SessionPrincipal.SessionId(session);
        var upstream = sessionId is null ? null : await sender.Send(new GetUpstreamLogout(sessionId), HttpContext.RequestAborted);

        // The session's clients go with it: read whom the browser must tell before it ends.
        var frames = sessionId is null || !oauth.Value.FrontChannelLogout
            ? []
            : await FrontChannelLogoutFrames.ReadAsync(sender, sessionId, oauth.Value.Issuer, HttpContext.RequestAborted);
        await SessionCookie.EndAsync(HttpContext);
        if (upstream is not null && await UpstreamLogout.IsAvailableAsync(clients, upstream.ProviderId, HttpContext.RequestAborted))
        {
            // The frames travel in the state and load when the upstream sends the browser back (SignedOutUpstream).
            return SignOut(
                FrontChannelLogoutFrames.Keep(UpstreamLogout.Properties(upstream, PostLogoutAddress.Of(request?.PostLogoutRedirectUri, request?.State)), frames),
                OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        }

        // Without a registered post_logout_redirect_uri there is no application to return to (RP-Initiated Logout 1.0 §3).
        return SignOut(
            FrontChannelLogoutFrames.Keep(new AuthenticationProperties { RedirectUri = Routes.SignedOut }, frames),
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
