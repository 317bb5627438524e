using Auth.Api.SignIn;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Auth.Api.Pages.OAuth;

/// <summary>
/// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0). OpenIddict has checked that any
/// post_logout_redirect_uri is registered for the client; this ends the session and lets OpenIddict redirect.
/// A request without a valid id_token_hint could come from any site, so the user confirms it first (§2, §6).
/// </summary>
[IgnoreAntiforgeryToken] // Relying parties may POST logout requests; the confirmation form is checked below.
public sealed class LogoutModel(IAntiforgery antiforgery) : PageModel
{
    public const string ConfirmField = "confirm";

    public string? Error { get; private set; }

    public string? ErrorDescription { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> RequestParameters { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => LogoutAsync(confirmed: false);

    public async Task<IActionResult> OnPostAsync([FromForm(Name = ConfirmField)] string? confirm) =>
        await LogoutAsync(confirm is not null && await antiforgery.IsRequestValidAsync(HttpContext));

    private async Task<IActionResult> LogoutAsync(bool confirmed)
    {
        if (HttpContext.GetOpenIddictServerResponse() is { Error: { Length: > 0 } error } failure)
        {
            Error = error;
            ErrorDescription = failure.ErrorDescription;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // OpenIddict has validated any id_token_hint (signature and issuer); without one, nothing says who asked.
        var request = HttpContext.GetOpenIddictServerRequest();
        // The hint must name the user of this session: any other valid ID token says nothing about who asked.
        var hint = string.IsNullOrEmpty(request?.IdTokenHint)
            ? null
            : (await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var session = await HttpContext.AuthenticateAsync(SessionCookie.Scheme);
        var hinted = hint is not null &&
                     (!session.Succeeded || hint.GetClaim(OpenIddictConstants.Claims.Subject) == session.Principal!.GetClaim(OpenIddictConstants.Claims.Subject));
        if (!confirmed && !hinted)
        {
            RequestParameters = request is null ? [] : ProtocolForm.Fields(request, ConfirmField).ToList();
            return Page();
        }

        await HttpContext.SignOutAsync(SessionCookie.Scheme);
        return SignOut(new AuthenticationProperties { RedirectUri = "/" }, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
