using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Auth.Api.OAuth;

/// <summary>
/// The user an <c>id_token_hint</c> names, at the authorization and logout endpoints. OpenIddict has validated the hint
/// (this server's signature, the client among its audiences, any age) and goes on without it when it is not valid, so
/// a hint that was given and names no one is not a valid hint: both endpoints refuse it. OpenIddict takes any JWT
/// typed <c>JWT</c> with this server's signature for an ID token; this server's ID tokens always carry <c>iat</c>, its
/// signed userinfo answers (<see cref="UserInfoSigner"/>) never do, so one of those, which any holder of an access token
/// for the client can fetch, is no hint (security rule 145).
/// </summary>
public static class IdTokenHint
{
    /// <summary>Whether the request carries a hint, and the subject of the valid one (null when it is not valid).</summary>
    public static async Task<(bool Given, string? Subject)> ReadAsync(HttpContext http, OpenIddictRequest? request)
    {
        if (string.IsNullOrEmpty(request?.IdTokenHint))
        {
            return (false, null);
        }

        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        // OpenIddict keeps a validated token's iat as its creation date (MapInternalClaims).
        return (true, principal?.GetCreationDate() is null ? null : principal.GetClaim(OpenIddictConstants.Claims.Subject));
    }
}
