using System.Globalization;
using System.Security.Claims;
using Auth.Application.Sessions;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.SignIn;

/// <summary>
/// The principals of the sign-in cookies: what the session cookie holds (the session id alone), the principal the
/// server rebuilds from the session row at each request, and the principal of a password waiting for its second factor.
/// </summary>
public static class SessionPrincipal
{
    /// <summary>What goes into the session cookie: nothing but the id of the row that holds the rest.</summary>
    public static ClaimsPrincipal ForCookie(string sessionId)
    {
        var identity = new ClaimsIdentity(SessionCookie.Scheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(SessionClaims.SessionId, sessionId));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The signed-in user as the session row says, for the pages of this request.</summary>
    public static ClaimsPrincipal From(ActiveSession session)
    {
        var principal = Create(session.UserId, session.UserName, session.AuthenticatedAt, session.Methods, session.Id, securityStamp: null);
        if (session.IdentityProviderId is not null)
        {
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionClaims.IdentityProvider, session.IdentityProviderId));
        }

        return principal;
    }

    /// <summary>
    /// Someone who gave the right password and must now give a second factor: at the sign-in page, or, naming the
    /// session (<paramref name="sessionId"/>), a signed-in user a client asks for more (step-up).
    /// </summary>
    public static ClaimsPrincipal PasswordGiven(string userId, string userName, string securityStamp, DateTimeOffset authenticatedAt, string? sessionId = null) =>
        Create(userId, userName, authenticatedAt, [AuthenticationMethods.Password], sessionId, securityStamp);

    /// <summary>
    /// Someone who signed in at an upstream provider (<paramref name="methods"/> say how) and must now give the local
    /// second factor; the session starts with the provider and its ID token once they have.
    /// </summary>
    public static ClaimsPrincipal FederatedSignInGiven(
        string userId, string userName, string securityStamp, DateTimeOffset authenticatedAt, IReadOnlyList<string> methods, string providerId, string? upstreamIdToken)
    {
        var principal = Create(userId, userName, authenticatedAt, methods, sessionId: null, securityStamp);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SessionClaims.IdentityProvider, providerId));
        if (upstreamIdToken is not null)
        {
            identity.AddClaim(new Claim(SessionClaims.UpstreamIdToken, upstreamIdToken));
        }

        return principal;
    }

    public static string? IdentityProvider(ClaimsPrincipal principal) => principal.GetClaim(SessionClaims.IdentityProvider);

    public static string? UpstreamIdToken(ClaimsPrincipal principal) => principal.GetClaim(SessionClaims.UpstreamIdToken);

    public static string? SessionId(ClaimsPrincipal principal) => principal.GetClaim(SessionClaims.SessionId);

    public static string? UserId(ClaimsPrincipal principal) => principal.GetClaim(Claims.Subject);

    public static DateTimeOffset? AuthenticatedAt(ClaimsPrincipal principal) =>
        DateTimeOffset.TryParseExact(principal.GetClaim(SessionClaims.AuthenticatedAt), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : null;

    public static IReadOnlyList<string> Methods(ClaimsPrincipal principal) =>
        principal.FindAll(SessionClaims.AuthenticationMethod).Select(c => c.Value).ToList();

    private static ClaimsPrincipal Create(
        string userId, string userName, DateTimeOffset authenticatedAt, IEnumerable<string> methods, string? sessionId, string? securityStamp)
    {
        var identity = new ClaimsIdentity(SessionCookie.Scheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, userId));
        identity.AddClaim(new Claim(Claims.Name, userName));
        identity.AddClaim(new Claim(SessionClaims.AuthenticatedAt, authenticatedAt.ToString("O", CultureInfo.InvariantCulture)));
        if (sessionId is not null)
        {
            identity.AddClaim(new Claim(SessionClaims.SessionId, sessionId));
        }

        if (securityStamp is not null)
        {
            identity.AddClaim(new Claim(SessionClaims.SecurityStamp, securityStamp));
        }

        foreach (var method in methods)
        {
            identity.AddClaim(new Claim(SessionClaims.AuthenticationMethod, method));
        }

        return new ClaimsPrincipal(identity);
    }
}
