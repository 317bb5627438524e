using System.Security.Claims;
using Auth.Api.OAuth;
using Auth.Application.Sessions;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Auth.Api.SignIn;

/// <summary>
/// The browser session of the login page: an HttpOnly, SameSite=Lax cookie protected by the shared key ring that
/// holds only the id of a server-side session. Each request that carries it reads the session row (no cache), so
/// logout, deactivation, a new password or an MFA reset end it on every node at once.
/// </summary>
public static class SessionCookie
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Name = "auth.session";

    /// <summary>Between the password and the second factor: who has given the password, for five minutes at most.</summary>
    public const string PendingSecondFactorScheme = "PendingSecondFactor";

    public static IServiceCollection AddSessionCookie(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(OAuthOptions.Section).Get<OAuthOptions>() ?? new OAuthOptions();
        var lifetimes = configuration.GetSection(SessionLifetimes.Section).Get<SessionLifetimes>() ?? new SessionLifetimes();
        services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = Name;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = settings.Issuer.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.LoginPath = Routes.Login;
            options.LogoutPath = Routes.Logout;
            options.AccessDeniedPath = Routes.Login;

            // The row decides how long the session lasts (idle and absolute); the cookie never outlives the absolute
            // limit and is not re-issued as the session is used.
            options.ExpireTimeSpan = lifetimes.SessionAbsoluteLifetime;
            options.SlidingExpiration = false;
            options.Events.OnValidatePrincipal = ResumeAsync;
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
            options.LoginPath = Routes.Login;
            options.Events.OnValidatePrincipal = EndIfUserChangedAsync;
            options.Events.OnRedirectToLogin = PathOnlyRedirects.RedirectAsync;
            options.Events.OnRedirectToAccessDenied = PathOnlyRedirects.RedirectAsync;
        });

        // The antiforgery cookie of the sign-in and consent forms, like the session's: HTTPS only with an https issuer.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy =
            settings.Issuer.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>
    /// Starts a new server-side session for a user who has just authenticated and gives the browser its cookie. The
    /// browser's previous session, if any, ends: every sign-in gets a new id.
    /// </summary>
    /// <param name="identityProviderId">The upstream provider the user signed in at, for a federated sign-in.</param>
    /// <param name="upstreamIdToken">That provider's ID token, kept (encrypted) for a logout at the provider.</param>
    public static async Task StartAsync(
        HttpContext context, string userId, DateTimeOffset authenticatedAt, IReadOnlyList<string> methods, string? identityProviderId = null, string? upstreamIdToken = null)
    {
        var previous = await CurrentAsync(context);
        var sessionId = await Sender(context).Send(
            new StartSession(userId, methods, authenticatedAt, previous is null ? null : SessionPrincipal.SessionId(previous), identityProviderId, upstreamIdToken),
            context.RequestAborted);
        await context.SignInAsync(Scheme, SessionPrincipal.ForCookie(sessionId), new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>
    /// The user who gave the password (<paramref name="password"/>) has now given a one-time code. A step-up (the
    /// password principal names the browser's current session) adds it to that session, which keeps its id and its
    /// time; a sign-in starts a new session, whose time is the password's. False when a step-up names a session that
    /// has ended or is no longer this browser's (logged out, or another sign-in since): no session is started from it,
    /// since the password behind it belonged to a session that is gone.
    /// </summary>
    public static async Task<bool> AddSecondFactorAsync(HttpContext context, ClaimsPrincipal password)
    {
        var userId = SessionPrincipal.UserId(password)!;
        if (SessionPrincipal.SessionId(password) is { } steppingUp)
        {
            return await IsCurrentAsync(context, steppingUp) &&
                   await Sender(context).Send(new AddSecondFactorToSession(steppingUp, userId, AuthenticationMethods.OneTimePassword), context.RequestAborted);
        }

        // The first factor's methods (pwd, or fed and the upstream's) and the code.
        await StartAsync(context, userId, SessionPrincipal.AuthenticatedAt(password) ?? Clock(context).GetUtcNow(),
            [.. SessionPrincipal.Methods(password).Where(m => m != AuthenticationMethods.OneTimePassword), AuthenticationMethods.OneTimePassword],
            SessionPrincipal.IdentityProvider(password), SessionPrincipal.UpstreamIdToken(password));
        return true;
    }

    /// <summary>Whether a pending second factor can still complete: a sign-in always, a step-up only while its session is this browser's.</summary>
    public static async Task<bool> CanCompleteAsync(HttpContext context, ClaimsPrincipal password) =>
        SessionPrincipal.SessionId(password) is not { } steppingUp || await IsCurrentAsync(context, steppingUp);

    /// <summary>
    /// Logout: the row is deleted (a copied cookie is worthless from now on) and the cookie is removed, with any second
    /// factor still pending in this browser.
    /// </summary>
    public static async Task EndAsync(HttpContext context)
    {
        if (await CurrentAsync(context) is { } current && SessionPrincipal.SessionId(current) is { } sessionId)
        {
            await Sender(context).Send(new EndSession(sessionId), context.RequestAborted);
        }

        await context.SignOutAsync(Scheme);
        await context.SignOutAsync(PendingSecondFactorScheme);
    }

    /// <summary>The signed-in user as the session row says, or null when this browser has no session in force.</summary>
    public static async Task<ClaimsPrincipal?> CurrentAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(Scheme);
        return result.Succeeded ? result.Principal : null;
    }

    private static async Task<bool> IsCurrentAsync(HttpContext context, string sessionId) =>
        await CurrentAsync(context) is { } current && SessionPrincipal.SessionId(current) == sessionId;

    /// <summary>Every request with the cookie: the row must still be there and in force; its facts replace the cookie's.</summary>
    private static async Task ResumeAsync(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal is null ? null : SessionPrincipal.SessionId(context.Principal);
        var session = sessionId is null ? null : await Sender(context.HttpContext).Send(new ResumeSession(sessionId), context.HttpContext.RequestAborted);
        if (session is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        context.ReplacePrincipal(SessionPrincipal.From(session));
    }

    /// <summary>A pending second factor ends as soon as its user is deleted, deactivated, or changes password (the stamp changes).</summary>
    private static async Task EndIfUserChangedAsync(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal is null ? null : SessionPrincipal.UserId(context.Principal);
        var stamp = context.Principal?.FindFirst(SessionClaims.SecurityStamp)?.Value;
        var user = userId is null
            ? null
            : await Sender(context.HttpContext).Send(new GetUserProfile(userId), context.HttpContext.RequestAborted);
        if (user is null || !user.IsActive || user.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PendingSecondFactorScheme);
        }
    }

    private static ISender Sender(HttpContext context) => context.RequestServices.GetRequiredService<ISender>();

    private static TimeProvider Clock(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>();
}
