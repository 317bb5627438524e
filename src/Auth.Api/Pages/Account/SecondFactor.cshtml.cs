using System.ComponentModel.DataAnnotations;
using Auth.Api.SignIn;
using Auth.Application.Mfa;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;

namespace Auth.Api.Pages.Account;

/// <summary>
/// The second sign-in step for a user with a confirmed authenticator: a TOTP code or a recovery code. Only then does
/// the server-side session start, with amr ["pwd","otp"]; a signed-in user asked for a code by a client (step-up)
/// keeps their session, which now counts the code. The same lockout and replay rules as the API apply (TotpVerification).
/// </summary>
public sealed class SecondFactorModel(ISender sender) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the code from your authenticator app.")]
    [StringLength(64)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        (await HttpContext.AuthenticateAsync(SessionCookie.PendingSecondFactorScheme)).Succeeded ? Page() : LocalRedirect(Routes.Login);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var pending = await HttpContext.AuthenticateAsync(SessionCookie.PendingSecondFactorScheme);
        if (!pending.Succeeded || pending.Principal?.GetClaim(OpenIddictConstants.Claims.Subject) is not { } userId)
        {
            return LocalRedirect(Routes.Login);
        }

        if (!await SessionCookie.CanCompleteAsync(HttpContext, pending.Principal))
        {
            return await StartAgainAsync();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await sender.Send(new VerifySecondFactor(userId, Code!), cancellationToken);
        if (!result.Succeeded)
        {
            Failure = result.Error.Description;
            return Page();
        }

        await HttpContext.SignOutAsync(SessionCookie.PendingSecondFactorScheme);
        return await SessionCookie.AddSecondFactorAsync(HttpContext, pending.Principal)
            ? LocalRedirect(ReturnUrls.LocalOrHome(Url, ReturnUrl))
            : await StartAgainAsync();
    }

    /// <summary>A step-up whose session has ended (logout, or another sign-in in this browser): the password is asked again.</summary>
    private async Task<IActionResult> StartAgainAsync()
    {
        await HttpContext.SignOutAsync(SessionCookie.PendingSecondFactorScheme);
        return LocalRedirect(Routes.Login + "?ReturnUrl=" + Uri.EscapeDataString(ReturnUrls.LocalOrHome(Url, ReturnUrl)));
    }
}
