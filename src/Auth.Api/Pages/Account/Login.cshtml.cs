using System.ComponentModel.DataAnnotations;
using Auth.Api.Federation;
using Auth.Api.SignIn;
using Auth.Application.IdentityProviders;
using Auth.Application.Mfa;
using Auth.Application.SignIn;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Auth.Api.Pages.Account;

/// <summary>
/// The sign-in page: user name and password, then back to where the user came from (normally /oauth/authorize).
/// The return URL must be local to this site, so the page cannot be used to send people elsewhere.
/// </summary>
public sealed class LoginModel(ISender sender, IOpenIddictApplicationManager applications, IOptions<SignInOptions> signIn) : PageModel
{
    /// <summary>Whether the page links "Forgot your password?" (<c>SignIn:PasswordReset</c>).</summary>
    public bool OffersPasswordReset => signIn.Value.PasswordReset;

    [BindProperty]
    [Required(ErrorMessage = "Enter your user name.")]
    [Display(Name = "Username")]
    public string? UserName { get; set; }

    /// <summary>Required unless a provider owns the domain of the user name (home-realm discovery).</summary>
    [BindProperty]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The application the user is signing in to, when the return URL names one.</summary>
    public ClientBranding? Client { get; private set; }

    public string? Failure { get; private set; }

    /// <summary>One "Sign in with …" button each.</summary>
    public IReadOnlyList<SignInProvider> Providers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // A login_hint in the authorization request whose domain a provider owns goes straight to that provider.
        if (AuthorizeParameter(OpenIddictConstants.Parameters.LoginHint) is { } hint &&
            await sender.Send(new FindProviderForDomain(hint), cancellationToken) is { } owner)
        {
            return LocalRedirect(SignInStart.Path(owner.Id, SafeReturnUrl, hint));
        }

        Client = await ClientAsync(cancellationToken);
        Providers = await sender.Send(new ListSignInProviders(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Client = await ClientAsync(cancellationToken);
        Providers = await sender.Send(new ListSignInProviders(), cancellationToken);

        // Home-realm discovery: a name in a domain a provider owns signs in there, before any password is looked at.
        if (ModelState.IsValid && await sender.Send(new FindProviderForDomain(UserName!), cancellationToken) is { } owner)
        {
            return LocalRedirect(SignInStart.Path(owner.Id, SafeReturnUrl, UserName));
        }

        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), "Enter your password.");
        }

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

    /// <summary>A parameter of the authorization request the return URL holds, when it holds one, once.</summary>
    private string? AuthorizeParameter(string name)
    {
        if (SafeReturnUrl is not { } url || !url.StartsWith(Routes.Authorize + "?", StringComparison.Ordinal))
        {
            return null;
        }

        var query = QueryHelpers.ParseQuery(url[url.IndexOf('?', StringComparison.Ordinal)..]);
        return query.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
    }

    private async Task<ClientBranding?> ClientAsync(CancellationToken cancellationToken)
    {
        if (AuthorizeParameter(OpenIddictConstants.Parameters.ClientId) is not { } clientId ||
            await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application)
        {
            return null;
        }

        var client = await ClientBranding.ReadForPageAsync(applications, application, Response, cancellationToken);
        return client;
    }
}
