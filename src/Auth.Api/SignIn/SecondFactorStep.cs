using System.Security.Claims;
using Auth.Application.Clients;
using Auth.Application.Mfa;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;

namespace Auth.Api.SignIn;

/// <summary>
/// The second factor a client requires (its <c>requireMfa</c> setting), asked for wherever a user signs in to a client:
/// the authorize page and the device verification page.
/// </summary>
public static class SecondFactorStep
{
    public static async Task<bool> RequiredByAsync(IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken) =>
        (await applications.GetSettingsAsync(application, cancellationToken)).TryGetValue(ClientSettings.RequireMfa, out var requireMfa) && requireMfa == "true";

    /// <summary>
    /// The session has only the password: the second-factor page, with the password step kept in its own cookie, or the
    /// enrolment page when the user has no authenticator yet; both come back to <paramref name="returnUrl"/>.
    /// </summary>
    /// <returns>Where to send the browser.</returns>
    public static async Task<string> StartAsync(
        HttpContext context, ISender sender, UserProfile user, ClaimsPrincipal session, string returnUrl, CancellationToken cancellationToken)
    {
        if (!await sender.Send(new HasSecondFactor(user.Id), cancellationToken))
        {
            return Routes.Enrol + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        }

        var password = SessionPrincipal.PasswordGiven(
            user.Id, user.UserName, user.SecurityStamp, SessionPrincipal.AuthenticatedAt(session)!.Value, SessionPrincipal.SessionId(session));
        await context.SignInAsync(SessionCookie.PendingSecondFactorScheme, password, new AuthenticationProperties { IsPersistent = false });
        return Routes.SecondFactor + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
    }
}
