using System.Security.Claims;
using Auth.Api.OAuth;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.SignIn;

/// <summary>The browser session of the login page: an HttpOnly, SameSite=Lax cookie protected by the shared key ring.</summary>
public static class SessionCookie
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Name = "auth.session";

    /// <summary>Between the password and the second factor: who has given the password, for five minutes at most.</summary>
    public const string PendingSecondFactorScheme = "PendingSecondFactor";

    public static IServiceCollection AddSessionCookie(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(OAuthOptions.Section).Get<OAuthOptions>() ?? new OAuthOptions();
        services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = Name;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = settings.Issuer.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/oauth/logout";
            options.AccessDeniedPath = "/account/login";
            options.ExpireTimeSpan = settings.SessionLifetime;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = EndIfUserChangedAsync;
            options.Events.OnRedirectToLogin = PathOnlyRedirects.RedirectAsync;
            options.Events.OnRedirectToAccessDenied = PathOnlyRedirects.RedirectAsync;
        }).AddCookie(PendingSecondFactorScheme, options =>
        {
            options.Cookie.Name = "auth.mfa";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = settings.Issuer.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            options.SlidingExpiration = false;
            options.LoginPath = "/account/login";
            options.Events.OnValidatePrincipal = EndIfUserChangedAsync;
            options.Events.OnRedirectToLogin = PathOnlyRedirects.RedirectAsync;
            options.Events.OnRedirectToAccessDenied = PathOnlyRedirects.RedirectAsync;
        });

        // The antiforgery cookie of the sign-in and consent forms, like the session's: HTTPS only with an https issuer.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy =
            settings.Issuer.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>Builds the session principal for a user who has just authenticated with the given methods.</summary>
    public static ClaimsPrincipal CreatePrincipal(string userId, string userName, string securityStamp, DateTimeOffset authenticatedAt, params string[] methods)
    {
        var identity = new ClaimsIdentity(Scheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, userId));
        identity.AddClaim(new Claim(Claims.Name, userName));
        identity.AddClaim(new Claim(SessionClaims.SecurityStamp, securityStamp));
        identity.AddClaim(new Claim(SessionClaims.AuthenticationTime,
            authenticatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        foreach (var method in methods)
        {
            identity.AddClaim(new Claim(SessionClaims.AuthenticationMethod, method));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>The session principal of a user who gave the password (<paramref name="password"/>) and then a one-time code.</summary>
    public static ClaimsPrincipal WithSecondFactor(ClaimsPrincipal password) =>
        CreatePrincipal(
            password.FindFirst(Claims.Subject)!.Value,
            password.FindFirst(Claims.Name)!.Value,
            password.FindFirst(SessionClaims.SecurityStamp)!.Value,
            OAuth.UserIdentity.AuthenticatedAt(password) ?? DateTimeOffset.UtcNow,
            AuthenticationMethods.Password, AuthenticationMethods.OneTimePassword);


    /// <summary>A session ends as soon as its user is deleted, deactivated, or changes password (the stamp changes).</summary>
    private static async Task EndIfUserChangedAsync(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal?.FindFirst(Claims.Subject)?.Value;
        var stamp = context.Principal?.FindFirst(SessionClaims.SecurityStamp)?.Value;
        var user = userId is null
            ? null
            : await context.HttpContext.RequestServices.GetRequiredService<ISender>().Send(new GetUserProfile(userId), context.HttpContext.RequestAborted);
        if (user is null || !user.IsActive || user.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
