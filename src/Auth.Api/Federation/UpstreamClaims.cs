using System.Globalization;
using System.Security.Claims;
using Auth.Domain.IdentityProviders;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.Federation;

/// <summary>
/// The upstream identity as the linking rules read it, from the ID token OpenIddict has validated (signature, issuer,
/// audience, lifetime, nonce), with userinfo filling only what the ID token did not say.
/// </summary>
public static class UpstreamClaims
{
    /// <summary>Entra's authentication context classes (Conditional Access), read like acr.</summary>
    private const string ContextClassesClaim = "acrs";

    public static UpstreamIdentity Read(string providerId, Uri registeredIssuer, ClaimsPrincipal idToken, ClaimsPrincipal? userInfo, string? rawIdToken)
    {
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var claim in idToken.Claims.Concat(userInfo?.Claims ?? []))
        {
            // The ID token's claims first: a value userinfo also gives does not replace it.
            claims.TryAdd(claim.Type, claim.Value);
        }

        var methods = idToken.FindAll(Claims.AuthenticationMethodReference).Select(c => c.Value).ToList();
        var classes = idToken.FindAll(Claims.AuthenticationContextReference).Concat(idToken.FindAll(ContextClassesClaim)).Select(c => c.Value).ToList();
        var emailVerified = claims.TryGetValue(Claims.EmailVerified, out var verified) && bool.TryParse(verified, out var flag) ? flag : (bool?)null;
        var authenticatedAt = claims.TryGetValue(Claims.AuthenticationTime, out var authTime) &&
            long.TryParse(authTime, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : (DateTimeOffset?)null;
        var issuer = claims.TryGetValue(Claims.Issuer, out var iss) ? iss : registeredIssuer.AbsoluteUri;
        return new UpstreamIdentity(providerId, issuer, claims, methods, classes, emailVerified, authenticatedAt, rawIdToken);
    }
}
