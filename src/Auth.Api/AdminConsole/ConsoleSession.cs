using System.Security.Claims;
using Auth.Api.OAuth;
using Auth.Api.SignIn;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.AdminConsole;

/// <summary>
/// The admin console's own session: a cookie of its own (<c>auth.console</c>, path <c>/admin</c>, SameSite=Strict,
/// HttpOnly), apart from the sign-in session that applications see, ending after <see cref="ConsoleOptions.IdleTimeout"/>
/// without a request. It names the sign-in session it was entered from, and holds only while, at every request, that
/// session is still this browser's and in force, its user still an active administrator, and (by default) that
/// sign-in had a second factor. Signing out, a withdrawn role, a deactivation or a new password therefore end it at once.
/// </summary>
public static class ConsoleSession
{
    public const string Scheme = "Console";

    /// <summary>The authorization policy of every console page.</summary>
    public const string Policy = "console";

    public const string CookieName = "auth.console";

    public static IServiceCollection AddConsoleSession(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>()
            .Bind(configuration.GetSection(ConsoleOptions.Section))
            .Validate(o => o.IdleTimeout >= TimeSpan.FromMinutes(1) && o.IdleTimeout <= TimeSpan.FromHours(12), "Console:IdleTimeout must be 1 minute to 12 hours.")
            .ValidateOnStart();
        var settings = configuration.GetSection(OAuthOptions.Section).Get<OAuthOptions>() ?? new OAuthOptions();
        var console = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.Path = Routes.Admin;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = settings.Issuer.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = console.IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = Routes.ConsoleSignIn;
            options.AccessDeniedPath = Routes.ConsoleSignIn;
            options.ReturnUrlParameter = "ReturnUrl";
            options.Events.OnValidatePrincipal = HoldsAsync;
            options.Events.OnRedirectToLogin = PathOnlyRedirects.RedirectAsync;
            options.Events.OnRedirectToAccessDenied = PathOnlyRedirects.RedirectAsync;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>Enters the console with the browser's sign-in session (<paramref name="session"/>), which the caller has checked.</summary>
    public static Task EnterAsync(HttpContext context, ClaimsPrincipal session)
    {
        var identity = new ClaimsIdentity(Scheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, SessionPrincipal.UserId(session)!));
        identity.AddClaim(new Claim(Claims.Name, session.Identity?.Name ?? string.Empty));
        identity.AddClaim(new Claim(SessionClaims.SessionId, SessionPrincipal.SessionId(session)!));
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    public static Task LeaveAsync(HttpContext context) => context.SignOutAsync(Scheme);

    /// <summary>
    /// Why the browser's sign-in session may not enter the console, or null when it may: it is an active administrator's
    /// and, when the console requires it, it had a second factor.
    /// </summary>
    public static async Task<ConsoleRefusal?> RefusalAsync(HttpContext context, ClaimsPrincipal session)
    {
        var userId = SessionPrincipal.UserId(session);
        if (userId is null || !await context.RequestServices.GetRequiredService<ISender>().Send(new IsConsoleAdministrator(userId), context.RequestAborted))
        {
            return ConsoleRefusal.NotAnAdministrator;
        }

        var methods = SessionPrincipal.Methods(session);
        return context.RequestServices.GetRequiredService<IOptions<ConsoleOptions>>().Value.RequireSecondFactor &&
               !methods.Contains(AuthenticationMethods.OneTimePassword) && !methods.Contains(AuthenticationMethods.MultiFactor)
            ? ConsoleRefusal.NoSecondFactor
            : null;
    }

    /// <summary>Every console request: the sign-in session it was entered from must still be this browser's, and still pass.</summary>
    private static async Task HoldsAsync(CookieValidatePrincipalContext context)
    {
        var session = await SessionCookie.CurrentAsync(context.HttpContext);
        if (session is null || context.Principal is null ||
            SessionPrincipal.SessionId(session) != SessionPrincipal.SessionId(context.Principal) ||
            await RefusalAsync(context.HttpContext, session) is not null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
