using Auth.Api.OAuth;
using Auth.Api.Observability;
using Auth.Api.SignIn;
using Auth.Api.SignIn.PasswordReset;
using Auth.Application.SignIn;
using Auth.Application.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Auth.Api.Pages.Account;

/// <summary>
/// "Forgot your password?" (<c>SignIn:PasswordReset</c>; without it the page does not exist): the person names their
/// account by user name or e-mail address, and the service e-mails that account's own address a one-time reset link
/// (<see cref="IssuePasswordResetLink"/>), after this page has answered (<see cref="PasswordResetMailer"/>). The answer
/// is the same whatever was typed, so the page tells nobody which accounts exist, have a password or an address.
/// </summary>
public sealed class ForgotPasswordModel(PasswordResetMailer mailer, IOptions<SignInOptions> options, IOptions<OAuthOptions> oauth) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>The request was taken: the page says what happens next, the same for every account.</summary>
    public bool Asked { get; private set; }

    public string? Failure { get; private set; }

    /// <summary>How long a link works, as the page tells it ("60 minutes", "24 hours").</summary>
    public string LinkLifetime => (int)options.Value.PasswordResetLinkLifetime.TotalMinutes switch
    {
        var minutes when minutes >= 120 && minutes % 60 == 0 => $"{minutes / 60} hours",
        var minutes => $"{minutes} minutes",
    };

    public IActionResult OnGet() => options.Value.PasswordReset ? Page() : NotFound();

    public IActionResult OnPost()
    {
        if (!options.Value.PasswordReset)
        {
            return NotFound();
        }

        var typed = UserName?.Trim() ?? string.Empty;
        if (typed.Length is 0 or > IssuePasswordResetLink.MaximumLength)
        {
            Failure = $"Enter your user name or e-mail address (at most {IssuePasswordResetLink.MaximumLength} characters).";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        mailer.TryQueue(new IssuePasswordResetLink(
            typed, PasswordSetupLinkUrl.Page(oauth.Value.Issuer), HttpContext.Connection.RemoteIpAddress?.ToString(), CorrelationId.Current(HttpContext)));
        Asked = true;
        UserName = null;
        return Page();
    }
}
