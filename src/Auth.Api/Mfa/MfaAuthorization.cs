using System.Globalization;
using System.Security.Claims;
using Auth.Api.Errors;
using Auth.Api.OAuth;
using Auth.Application.Mfa;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.Mfa;

/// <summary>
/// Who may call /mfa/totp (docs/security.md): a Bearer access token in the Authorization header, of a user, that
/// carries the <see cref="MfaScope"/> scope and is addressed to the MFA API alone (<c>aud</c> is exactly
/// <see cref="MfaScope.Resource"/>), so a token issued for another API, or one a resource server received, does
/// not work here. Changes to the second factor also need a recent sign-in (<c>auth_time</c>, RFC 9470).
/// </summary>
public sealed class MfaAuthorization(IOptions<MfaOptions> options, TimeProvider clock)
{
    public const string Realm = "mfa";

    /// <summary>The user a request acts for, and whether their sign-in is recent enough to change the second factor.</summary>
    public sealed record Caller(string UserId, bool RecentSignIn);

    /// <summary>
    /// Runs <paramref name="action"/> for the token's user, or answers 401 (no valid token, or with
    /// <paramref name="requireRecentSignIn"/> a sign-in older than Mfa:RecentSignInWindow) or 403 (not a user's token,
    /// or not one meant for the MFA API).
    /// </summary>
    public async Task<IResult> ForUserAsync(HttpContext http, bool requireRecentSignIn, Func<Caller, Task<IResult>> action)
    {
        http.Response.Headers.CacheControl = "no-store";
        var result = await http.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is not { } principal)
        {
            http.Response.Headers[HeaderNames.WWWAuthenticate] = $"Bearer realm=\"{Realm}\"" +
                (http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? ", error=\"invalid_token\"" : string.Empty);
            return Error(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidToken, "A Bearer access token of a signed-in user is required.");
        }

        var subject = principal.GetClaim(Claims.Subject);
        if (subject is null || subject == principal.GetClaim(Claims.ClientId))
        {
            return Error(StatusCodes.Status403Forbidden, ErrorCodes.AccessDenied, "This access token belongs to a client, not a user.");
        }

        if (!IsMeantForTheMfaApi(principal))
        {
            // RFC 6750 §3.1: the token is valid but not for this resource.
            http.Response.Headers[HeaderNames.WWWAuthenticate] = $"Bearer realm=\"{Realm}\", error=\"{ErrorCodes.InsufficientScope}\", scope=\"{MfaScope.Name}\"";
            return Error(StatusCodes.Status403Forbidden, ErrorCodes.InsufficientScope,
                $"The access token must carry the {MfaScope.Name} scope and be issued for the MFA API alone; request the {MfaScope.Name} scope on its own.");
        }

        var caller = new Caller(subject, IsRecent(principal));
        if (requireRecentSignIn && !caller.RecentSignIn)
        {
            return RecentSignInRequired(http, TotpErrors.RecentSignInRequired().Description);
        }

        return await action(caller);
    }

    /// <summary>
    /// RFC 9470 §3: 401 with <c>error="insufficient_user_authentication"</c> and the <c>max_age</c> the client passes
    /// to the authorization endpoint to get a token with a recent enough <c>auth_time</c>.
    /// </summary>
    public JsonHttpResult<ErrorBody> RecentSignInRequired(HttpContext http, string description)
    {
        var maxAge = ((long)options.Value.RecentSignInWindow.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[HeaderNames.WWWAuthenticate] =
            $"Bearer realm=\"{Realm}\", error=\"{ErrorCodes.InsufficientUserAuthentication}\", error_description=\"{ErrorBody.Sanitize(description)}\", max_age={maxAge}";
        return Error(StatusCodes.Status401Unauthorized, ErrorCodes.InsufficientUserAuthentication, description);
    }

    public static JsonHttpResult<ErrorBody> Error(int status, string error, string description) =>
        TypedResults.Json(ErrorBody.Create(error, description), statusCode: status);

    private static bool IsMeantForTheMfaApi(ClaimsPrincipal principal)
    {
        var audiences = principal.GetAudiences();
        return principal.HasScope(MfaScope.Name) && audiences.Length > 0 && audiences.All(a => a == MfaScope.Resource);
    }

    private bool IsRecent(ClaimsPrincipal principal) =>
        UserIdentity.AuthenticatedAt(principal) is { } signedInAt && clock.GetUtcNow() - signedInAt <= options.Value.RecentSignInWindow;
}
