using System.Security.Claims;
using Auth.Api.OAuth;
using Auth.Api.SignIn;
using Auth.Application.Clients;
using Auth.Application.Sessions;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.Pages.OAuth;

/// <summary>
/// RFC 8628's verification page, <c>/device</c> (OpenIddict's end-user verification endpoint, passed through): the user
/// enters the code a device shows (or follows <c>verification_uri_complete</c>), signs in here with the session's
/// rules (the client's second factor included), and allows or denies. The page always asks, even for a first-party
/// client: a code can be phished, and the user must see which application and code they approve (RFC 8628 §5.4).
/// </summary>
public sealed class DeviceModel(
    ISender sender,
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopeManager,
    IOptions<OAuthOptions> options) : ProtocolPageModel
{
    public const string ConsentField = "consent";
    public const string Accept = "accept";
    public const string Deny = "deny";
    public const string Approved = "approved";
    public const string Denied = "denied";

    public string? Result { get; private set; }

    /// <summary>The client asking for the device's sign-in, once a user code named one.</summary>
    public ClientBranding? Client { get; private set; }

    public string? UserCode { get; private set; }

    public IReadOnlyList<string> ScopeDescriptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.DeviceAuthorization)
        {
            return NotFound();
        }

        if (Request.Query["result"].ToString() is Approved or Denied)
        {
            Result = Request.Query["result"];
            return Page();
        }

        return string.IsNullOrEmpty(Request.Query[Parameters.UserCode]) ? Page() : await ReviewAsync(consent: null, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string? consent, CancellationToken cancellationToken) =>
        options.Value.DeviceAuthorization ? await ReviewAsync(consent, cancellationToken) : NotFound();

    private async Task<IActionResult> ReviewAsync(string? consent, CancellationToken cancellationToken)
    {
        if (HttpContext.GetOpenIddictServerResponse() is { Error: { Length: > 0 } error } failure)
        {
            return ShowError(error, failure.ErrorDescription);
        }

        var code = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (!code.Succeeded || code.Principal.GetClaim(Claims.ClientId) is not { Length: > 0 } clientId)
        {
            return ShowError(OidcErrors.InvalidRequest, "The code is wrong, has expired or has been used already. Check the code your device shows.");
        }

        var userCode = HttpContext.GetOpenIddictServerRequest()?.UserCode ?? string.Empty;
        var returnUrl = Routes.Device + "?" + Parameters.UserCode + "=" + Uri.EscapeDataString(userCode);
        var session = await SessionCookie.CurrentAsync(HttpContext);
        var user = session is null ? null : await sender.Send(new GetUserProfile(SessionPrincipal.UserId(session)!), cancellationToken);
        if (user is not { IsActive: true })
        {
            return Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, SessionCookie.Scheme);
        }

        var application = await applications.FindByClientIdAsync(clientId, cancellationToken)
            ?? throw new InvalidOperationException("OpenIddict accepted a user code of a client that cannot be found.");
        var methods = SessionPrincipal.Methods(session!);
        if (!AuthenticationLevels.IsMultiFactor(methods) && await SecondFactorStep.RequiredByAsync(applications, application, cancellationToken))
        {
            return LocalRedirect(await SecondFactorStep.StartAsync(HttpContext, sender, user, session!, returnUrl, cancellationToken));
        }

        var scopes = code.Principal.GetScopes();
        switch (consent)
        {
            case Accept:
                var sessionId = SessionPrincipal.SessionId(session!)!;
                await sender.Send(new RecordSessionClient(sessionId, clientId), cancellationToken);
                var memberships = await DirectoryClaims.ReadAsync(
                    sender, applications, options.Value, user.Id, clientId, scopes.Contains(StandardScopes.Groups), cancellationToken);
                var facts = new SignInFacts(methods, SessionPrincipal.AuthenticatedAt(session!), sessionId, SessionPrincipal.IdentityProvider(session!), ClaimsRequest.None);
                var identity = UserIdentity.Create(user, scopes, facts, memberships);
                identity.SetResources(await scopeManager.ListResourcesAsync(scopes, cancellationToken).ToListAsync(cancellationToken));
                return SignIn(new ClaimsPrincipal(identity), new AuthenticationProperties { RedirectUri = Routes.Device + "?result=" + Approved },
                    OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            case Deny:
                return Forbid(new AuthenticationProperties { RedirectUri = Routes.Device + "?result=" + Denied }, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            default:
                Client = await ClientBranding.ReadForPageAsync(applications, application, Response, cancellationToken);
                UserCode = userCode;
                ScopeDescriptions = await Pages.ScopeDescriptions.DescribeAllAsync(scopeManager, scopes, cancellationToken);
                return Page();
        }
    }
}
