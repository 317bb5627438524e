using System.ComponentModel.DataAnnotations;
using Auth.Api.SignIn;
using Auth.Application.Mfa;
using Auth.Application.SignIn;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;

namespace Auth.Api.Pages.Account;

/// <summary>
/// The sign-in page: user name and password, then back to where the user came from (normally /oauth/authorize).
/// The return URL must be local to this site, so the page cannot be used to send people elsewhere.
/// </summary>
public sealed class LoginModel(ISender sender, IOpenIddictApplicationManager applications) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your user name.")]
    [Display(Name = "Username")]
    public string? UserName { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The display name of the application the user is signing in to, when the return URL names one.</summary>
    public string? ClientName { get; private set; }

    public string? Failure { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => ClientName = await ClientNameAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ClientName = await ClientNameAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await sender.Send(new SignInWithPassword(UserName!, Password!), cancellationToken);
        if (!result.Succeeded)
        {
            Failure = result.Error.Description;
            return Page();
        }

        var user = result.Value;
        if (await sender.Send(new HasSecondFactor(user.UserId), cancellationToken))
        {
            // The password is right; the session starts only after the second factor (SecondFactorModel).
            var password = SessionPrincipal.PasswordGiven(user.UserId, user.UserName, user.SecurityStamp, user.AuthenticatedAt);
            await HttpContext.SignInAsync(SessionCookie.PendingSecondFactorScheme, password, new AuthenticationProperties { IsPersistent = false });
            return LocalRedirect(Routes.SecondFactor + "?ReturnUrl=" + Uri.EscapeDataString(SafeReturnUrl));
        }

        await SessionCookie.StartAsync(HttpContext, user.UserId, user.AuthenticatedAt, [AuthenticationMethods.Password]);
        return LocalRedirect(SafeReturnUrl);
    }

    private string SafeReturnUrl => ReturnUrls.LocalOrHome(Url, ReturnUrl);

    private async Task<string?> ClientNameAsync(CancellationToken cancellationToken)
    {
        if (SafeReturnUrl is not { } url || !url.StartsWith(Routes.Authorize + "?", StringComparison.Ordinal))
        {
            return null;
        }

        var query = QueryHelpers.ParseQuery(url[url.IndexOf('?', StringComparison.Ordinal)..]);
        if (!query.TryGetValue(OpenIddictConstants.Parameters.ClientId, out var clientId) || clientId.Count != 1 || string.IsNullOrEmpty(clientId[0]))
        {
            return null;
        }

        var application = await applications.FindByClientIdAsync(clientId[0]!, cancellationToken);
        return application is null ? null : await applications.GetLocalizedDisplayNameAsync(application, cancellationToken);
    }
}
