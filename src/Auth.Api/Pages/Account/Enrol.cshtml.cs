using Auth.Api.Mfa;
using Auth.Api.SignIn;
using Auth.Application.Mfa;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Auth.Api.Pages.Account;

/// <summary>
/// Enrolling an authenticator from the browser, for a signed-in user whom an application requires to use a second
/// factor: scan the QR code, confirm with a code, keep the recovery codes. The session then counts the second factor.
/// Like the API, it takes a recent sign-in (Mfa:RecentSignInWindow): a browser left signed in for hours cannot bind
/// someone else's authenticator to the account; the person gives the password again first.
/// </summary>
public sealed class EnrolModel(ISender sender, IOptions<MfaOptions> options, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Secret { get; private set; }

    public string? QrCodeDataUri { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string? Failure { get; private set; }

    public string ContinueUrl => ReturnUrls.LocalOrHome(Url, ReturnUrl);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var session = await HttpContext.AuthenticateAsync(SessionCookie.Scheme);
        if (session.Principal?.GetClaim(OpenIddictConstants.Claims.Subject) is not { } userId || !IsRecent(session.Principal))
        {
            return SignInAgain();
        }

        // A user who already has an authenticator gives a code from it instead of enrolling another here.
        var enrolment = await sender.Send(new GenerateTotp(userId), cancellationToken);
        if (!enrolment.Succeeded)
        {
            return LocalRedirect(ContinueUrl);
        }

        Secret = enrolment.Value.Secret;
        QrCodeDataUri = QrCode.SvgDataUri(enrolment.Value.OtpAuthUri);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var session = await HttpContext.AuthenticateAsync(SessionCookie.Scheme);
        if (session.Principal?.GetClaim(OpenIddictConstants.Claims.Subject) is not { } userId || !IsRecent(session.Principal))
        {
            return SignInAgain();
        }

        var code = Code?.Trim() ?? string.Empty;
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            Failure = "Enter the six-digit code your authenticator app shows.";
            return Page();
        }

        var verified = await sender.Send(new VerifyTotp(userId, code, RecentSignIn: true), cancellationToken);
        if (!verified.Succeeded || !verified.Value.Enrolled)
        {
            Failure = verified.Succeeded ? "This authenticator is already confirmed." : verified.Error.Description;
            return Page();
        }

        // The code just given is a second factor: the session now counts it.
        if (!await SessionCookie.AddSecondFactorAsync(HttpContext, session.Principal!))
        {
            return LocalRedirect(Routes.Login);
        }

        RecoveryCodes = verified.Value.RecoveryCodes;
        return Page();
    }

    private bool IsRecent(System.Security.Claims.ClaimsPrincipal session) =>
        SessionPrincipal.AuthenticatedAt(session) is { } signedInAt && clock.GetUtcNow() - signedInAt <= options.Value.RecentSignInWindow;

    private LocalRedirectResult SignInAgain() =>
        LocalRedirect(Routes.Login + "?ReturnUrl=" + Uri.EscapeDataString(Routes.Enrol + "?ReturnUrl=" + Uri.EscapeDataString(ContinueUrl)));
}
