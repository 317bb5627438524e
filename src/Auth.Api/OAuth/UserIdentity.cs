using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Auth.Application.Users;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.OAuth;

/// <summary>
/// The identity that goes into a user's tokens: claims by scope (OpenID Connect Core §5.4), each sent explicitly to
/// the access token, the ID token, or both.
/// </summary>
public static class UserIdentity
{
    /// <summary>The acr values this service issues.</summary>
    public static class AuthenticationLevels
    {
        public const string Password = "urn:auth:acr:pwd";
        public const string MultiFactor = "urn:auth:acr:mfa";
    }

    private const string JsonArrayValueType = "JSON_ARRAY";

    public static ClaimsIdentity Create(UserProfile user, IEnumerable<string> scopes, IEnumerable<string> methods, DateTimeOffset? authenticatedAt)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetScopes(scopes);
        identity.SetClaim(Claims.Subject, user.Id);

        if (identity.HasScope(Scopes.Profile))
        {
            identity.SetClaim(Claims.PreferredUsername, user.UserName);
            identity.SetClaim(Claims.Name, user.DisplayName ?? user.UserName);
            identity.SetClaim(Claims.GivenName, user.GivenName);
            identity.SetClaim(Claims.FamilyName, user.FamilyName);
            identity.SetClaim(Claims.UpdatedAt, user.UpdatedAt.ToUnixTimeSeconds());
        }

        if (identity.HasScope(Scopes.Email))
        {
            identity.SetClaim(Claims.Email, user.Email);
        }

        // acr names the level reached: a password alone, or a password and a one-time code (docs/security.md).
        var methodList = methods.Distinct(StringComparer.Ordinal).ToArray();
        methods = methodList;
        identity.SetClaim(Claims.AuthenticationContextReference,
            methodList.Contains(SignIn.AuthenticationMethods.OneTimePassword) ? AuthenticationLevels.MultiFactor : AuthenticationLevels.Password);

        // OpenID Connect Core §2: amr is a JSON array, even with one method.
        // IdentityModel writes a claim of this value type as a JSON array.
        identity.AddClaim(new Claim(Claims.AuthenticationMethodReference,
            JsonSerializer.Serialize(methods.Distinct(StringComparer.Ordinal).ToArray()), JsonArrayValueType));
        if (authenticatedAt is { } time)
        {
            identity.AddClaim(new Claim(Claims.AuthenticationTime, time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }

        identity.SetDestinations(Destinations);
        return identity;
    }

    /// <summary>The authentication methods recorded in a token's principal, whether stored as one JSON array or one claim each.</summary>
    public static IReadOnlyList<string> AuthenticationMethods(ClaimsPrincipal principal)
    {
        var methods = new List<string>();
        foreach (var claim in principal.FindAll(Claims.AuthenticationMethodReference))
        {
            if (claim.ValueType == JsonArrayValueType || claim.Value.StartsWith('['))
            {
                methods.AddRange(JsonSerializer.Deserialize<string[]>(claim.Value) ?? []);
            }
            else
            {
                methods.Add(claim.Value);
            }
        }

        return methods;
    }

    /// <summary>When the user authenticated, from a token's principal.</summary>
    public static DateTimeOffset? AuthenticatedAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.GetClaim(Claims.AuthenticationTime), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>The claims userinfo answers with for a token's scopes (OpenID Connect Core §5.3.2).</summary>
    public static Dictionary<string, object> UserInfo(UserProfile user, ClaimsPrincipal token)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        if (token.HasScope(Scopes.Profile))
        {
            claims[Claims.PreferredUsername] = user.UserName;
            claims[Claims.Name] = user.DisplayName ?? user.UserName;
            AddIfPresent(claims, Claims.GivenName, user.GivenName);
            AddIfPresent(claims, Claims.FamilyName, user.FamilyName);
            claims[Claims.UpdatedAt] = user.UpdatedAt.ToUnixTimeSeconds();
        }

        if (token.HasScope(Scopes.Email))
        {
            AddIfPresent(claims, Claims.Email, user.Email);
        }

        return claims;
    }

    private static void AddIfPresent(Dictionary<string, object> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims[type] = value;
        }
    }

    private static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        // Who and how: both tokens. The ID token also gets the profile, which resource servers rarely need.
        Claims.Subject or Claims.PreferredUsername or Claims.AuthenticationMethodReference or Claims.AuthenticationTime or Claims.AuthenticationContextReference
            => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Name or Claims.GivenName or Claims.FamilyName or Claims.UpdatedAt or Claims.Email
            => [OpenIddictConstants.Destinations.IdentityToken],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}
