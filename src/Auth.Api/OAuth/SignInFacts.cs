using System.Security.Claims;
using OpenIddict.Abstractions;

namespace Auth.Api.OAuth;

/// <summary>
/// What a sign-in says about itself, beyond who the user is: how and when they authenticated, in which session, and
/// which claims the client asked for one by one. Taken from the session at the authorization endpoint, and from the
/// code or refresh token at the token endpoint, which carry them forward.
/// </summary>
/// <param name="IdentityProvider">The upstream provider of a federated sign-in; null after a password.</param>
public sealed record SignInFacts(IReadOnlyList<string> Methods, DateTimeOffset? AuthenticatedAt, string? SessionId, string? IdentityProvider, ClaimsRequest Requested)
{
    public static SignInFacts Of(ClaimsPrincipal grant) => new(
        UserIdentity.AuthenticationMethods(grant),
        UserIdentity.AuthenticatedAt(grant),
        grant.GetClaim(SignIn.SessionClaims.SessionId),
        grant.GetClaim(SignIn.SessionClaims.IdentityProvider),
        ClaimsRequest.None with
        {
            IdToken = UserIdentity.RequestedClaims(grant, UserIdentity.RequestedIdTokenClaims),
            UserInfo = UserIdentity.RequestedClaims(grant, UserIdentity.RequestedUserInfoClaims),
        });
}
