using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Auth.Api.OAuth;

/// <summary>
/// The user an <c>id_token_hint</c> names, at the authorization and logout endpoints. OpenIddict has validated the hint
/// (this server's signature, the client among its audiences, any age) and goes on without it when it is not valid, so
/// a hint that was given and names no one is not a valid hint: both endpoints refuse it.
/// </summary>
public static class IdTokenHint
{
    /// <summary>Whether the request carries a hint, and the subject of the valid one (null when it is not valid).</summary>
    public static async Task<(bool Given, string? Subject)> ReadAsync(HttpContext http, OpenIddictRequest? request) =>
        string.IsNullOrEmpty(request?.IdTokenHint)
            ? (false, null)
            : (true, (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal?.GetClaim(OpenIddictConstants.Claims.Subject));
}
