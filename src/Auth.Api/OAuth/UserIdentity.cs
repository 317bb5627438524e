using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Auth.Application.Groups;
using Auth.Application.Users;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.OAuth;

/// <summary>
/// The identity that goes into a user's tokens: claims by scope (OpenID Connect Core §5.4) and claims asked for one
/// by one (§5.5), each sent explicitly to the access token, the ID token, or both.
/// </summary>
public static class UserIdentity
{
    /// <summary>The claims the client asked for in the ID token (§5.5), kept by the code and refresh tokens only.</summary>
    public const string RequestedIdTokenClaims = "urn:auth:requested_claims:id_token";

    /// <summary>The claims the client asked for from userinfo (§5.5); the access token carries them to userinfo.</summary>
    public const string RequestedUserInfoClaims = "urn:auth:requested_claims:userinfo";

    private const string JsonArrayValueType = "JSON_ARRAY";

    private static readonly string[] ProfileClaims = [Claims.PreferredUsername, Claims.Name, Claims.GivenName, Claims.FamilyName, Claims.UpdatedAt];

    private static readonly string[] EmailClaims = [Claims.Email, Claims.EmailVerified];

    public static ClaimsIdentity Create(UserProfile user, IEnumerable<string> scopes, SignInFacts facts, TokenMemberships memberships)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetScopes(scopes);
        identity.SetClaim(Claims.Subject, user.Id);

        var byScope = ClaimsOfScopes(identity.HasScope);
        foreach (var (type, value) in ProfileAndEmail(user, byScope.Union(facts.Requested.IdToken)))
        {
            identity.AddClaim(new Claim(type, value.Value, value.Type));
        }

        // acr names the level reached: a password alone, or a password and a one-time code (docs/security.md).
        var methods = facts.Methods.Distinct(StringComparer.Ordinal).ToArray();
        identity.SetClaim(Claims.AuthenticationContextReference, AuthenticationLevels.Of(methods));

        // OpenID Connect Core §2: amr is a JSON array, even with one method.
        // IdentityModel writes a claim of this value type as a JSON array.
        identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, JsonSerializer.Serialize(methods), JsonArrayValueType));
        if (facts.AuthenticatedAt is { } time)
        {
            identity.AddClaim(new Claim(Claims.AuthenticationTime, time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }

        foreach (var (type, value) in Directory(memberships))
        {
            identity.AddClaim(new Claim(type, value.Value, value.Type));
        }

        identity.SetClaim(SignIn.SessionClaims.SessionId, facts.SessionId);

        // Where the user signed in, for federated sign-ins only (docs/api.md); amr says fed as well.
        identity.SetClaim(SignIn.SessionClaims.IdentityProvider, facts.IdentityProvider);
        identity.SetClaim(RequestedIdTokenClaims, facts.Requested.IdToken.Count == 0 ? null : string.Join(' ', facts.Requested.IdToken));
        identity.SetClaim(RequestedUserInfoClaims, facts.Requested.UserInfo.Count == 0 ? null : string.Join(' ', facts.Requested.UserInfo));
        identity.SetDestinations(claim => Destinations(claim, byScope));
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

    /// <summary>When the user authenticated, from a token's principal (whole seconds, as auth_time says).</summary>
    public static DateTimeOffset? AuthenticatedAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.GetClaim(Claims.AuthenticationTime), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>The claims a token's principal records as asked for one by one (<see cref="RequestedIdTokenClaims"/> or <see cref="RequestedUserInfoClaims"/>).</summary>
    public static IReadOnlySet<string> RequestedClaims(ClaimsPrincipal principal, string type) =>
        (principal.GetClaim(type) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>The claims userinfo answers with: those of the token's scopes and those asked for one by one (OpenID Connect Core §5.3.2, §5.5).</summary>
    public static Dictionary<string, object> UserInfo(UserProfile user, ClaimsPrincipal token, TokenMemberships memberships)
    {
        var requested = RequestedClaims(token, RequestedUserInfoClaims);
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        foreach (var (type, value) in ProfileAndEmail(user, ClaimsOfScopes(token.HasScope).Union(requested)))
        {
            claims[type] = value.Json;
        }

        foreach (var type in new[] { Claims.AuthenticationTime, Claims.AuthenticationContextReference }.Where(requested.Contains))
        {
            if (token.GetClaim(type) is { } value)
            {
                claims[type] = type == Claims.AuthenticationTime && long.TryParse(value, CultureInfo.InvariantCulture, out var seconds) ? seconds : value;
            }
        }

        foreach (var (type, value) in Directory(memberships))
        {
            claims[type] = value.Json;
        }

        return claims;
    }

    private static HashSet<string> ClaimsOfScopes(Func<string, bool> hasScope)
    {
        var claims = new HashSet<string>(StringComparer.Ordinal);
        if (hasScope(Scopes.Profile))
        {
            claims.UnionWith(ProfileClaims);
        }

        if (hasScope(Scopes.Email))
        {
            claims.UnionWith(EmailClaims);
        }

        return claims;
    }

    /// <summary>The user's profile and e-mail claims among those wanted; email_verified goes with email, never alone.</summary>
    private static IEnumerable<(string Type, ClaimValue Value)> ProfileAndEmail(UserProfile user, IEnumerable<string> wanted)
    {
        var set = wanted.ToHashSet(StringComparer.Ordinal);
        if (set.Contains(Claims.PreferredUsername))
        {
            yield return (Claims.PreferredUsername, ClaimValue.Text(user.UserName));
        }

        if (set.Contains(Claims.Name))
        {
            yield return (Claims.Name, ClaimValue.Text(user.DisplayName ?? user.UserName));
        }

        if (set.Contains(Claims.GivenName) && !string.IsNullOrEmpty(user.GivenName))
        {
            yield return (Claims.GivenName, ClaimValue.Text(user.GivenName));
        }

        if (set.Contains(Claims.FamilyName) && !string.IsNullOrEmpty(user.FamilyName))
        {
            yield return (Claims.FamilyName, ClaimValue.Text(user.FamilyName));
        }

        if (set.Contains(Claims.UpdatedAt))
        {
            yield return (Claims.UpdatedAt, ClaimValue.Number(user.UpdatedAt.ToUnixTimeSeconds()));
        }

        if ((set.Contains(Claims.Email) || set.Contains(Claims.EmailVerified)) && !string.IsNullOrEmpty(user.Email))
        {
            yield return (Claims.Email, ClaimValue.Text(user.Email));
            yield return (Claims.EmailVerified, ClaimValue.Boolean(user.EmailVerified));
        }
    }

    /// <summary>
    /// The groups (with the groups scope: the list, or hasgroups past the limit) and the client's roles. Both are JSON
    /// arrays even with one entry or none, so a client reads one shape.
    /// </summary>
    private static IEnumerable<(string Type, ClaimValue Value)> Directory(TokenMemberships memberships)
    {
        if (memberships.Groups is { } groups)
        {
            yield return (DirectoryClaims.Groups, ClaimValue.Array(groups));
        }

        if (memberships.GroupsLeftOut)
        {
            yield return (DirectoryClaims.HasGroups, ClaimValue.Boolean(true));
        }

        if (memberships.Roles.Count > 0)
        {
            yield return (DirectoryClaims.Roles, ClaimValue.Array(memberships.Roles));
        }
    }

    private static IEnumerable<string> Destinations(Claim claim, HashSet<string> byScope) => claim.Type switch
    {
        // Who and how: both tokens. The ID token also gets the profile, which resource servers rarely need.
        Claims.Subject or Claims.AuthenticationMethodReference or Claims.AuthenticationTime or Claims.AuthenticationContextReference
            or SignIn.SessionClaims.IdentityProvider
            => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],

        // Apps sign users in by the ID token and APIs authorize by the access token: both need the groups and roles.
        DirectoryClaims.Groups or DirectoryClaims.HasGroups or DirectoryClaims.Roles
            => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.PreferredUsername when byScope.Contains(Claims.PreferredUsername)
            => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.PreferredUsername or Claims.Name or Claims.GivenName or Claims.FamilyName or Claims.UpdatedAt or Claims.Email or Claims.EmailVerified
            => [OpenIddictConstants.Destinations.IdentityToken],

        // The session id is for the client's logout handling (OpenID Connect Front-Channel Logout 1.0 §3).
        SignIn.SessionClaims.SessionId => [OpenIddictConstants.Destinations.IdentityToken],

        // Userinfo reads what was asked of it from the access token; the ID token's list stays in codes and refresh tokens.
        RequestedUserInfoClaims => [OpenIddictConstants.Destinations.AccessToken],
        RequestedIdTokenClaims => [],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };

    /// <summary>A claim's value as a token claim (string and value type) and as userinfo JSON.</summary>
    private sealed record ClaimValue(string Value, string Type, object Json)
    {
        public static ClaimValue Text(string value) => new(value, ClaimValueTypes.String, value);

        public static ClaimValue Number(long value) => new(value.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64, value);

        public static ClaimValue Boolean(bool value) => new(value ? "true" : "false", ClaimValueTypes.Boolean, value);

        public static ClaimValue Array(IReadOnlyList<string> values) => new(JsonSerializer.Serialize(values), JsonArrayValueType, values);
    }
}
