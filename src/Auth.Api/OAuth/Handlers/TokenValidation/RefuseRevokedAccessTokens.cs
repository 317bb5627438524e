using System.Security.Claims;
using Auth.Infrastructure.AccessChanges;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.OAuth.Handlers.TokenValidation;

/// <summary>
/// An access token revoked at /oauth/revoke, or issued before its user, client or grant was cut off, is refused
/// wherever this service validates one: introspection answers <c>active: false</c>, userinfo and the service's own APIs
/// (SCIM, MFA, admin) answer 401. The check is in memory (<see cref="AccessRevocations"/>, ADR 0010).
/// </summary>
public sealed class RefuseRevokedAccessTokens(AccessRevocations revocations) :
    IOpenIddictServerHandler<OpenIddictServerEvents.ValidateTokenContext>,
    IOpenIddictValidationHandler<OpenIddictValidationEvents.ValidateTokenContext>
{
    private const string Description = "The token is no longer valid.";

    public ValueTask HandleAsync(OpenIddictServerEvents.ValidateTokenContext context)
    {
        if (IsRevoked(context.Principal))
        {
            context.Reject(error: OpenIddictConstants.Errors.InvalidToken, description: Description);
        }

        return default;
    }

    public ValueTask HandleAsync(OpenIddictValidationEvents.ValidateTokenContext context)
    {
        if (IsRevoked(context.Principal))
        {
            context.Reject(error: OpenIddictConstants.Errors.InvalidToken, description: Description);
        }

        return default;
    }

    private bool IsRevoked(ClaimsPrincipal? principal)
    {
        if (principal is null || !principal.HasTokenType(TokenTypeIdentifiers.AccessToken))
        {
            return false;
        }

        var tokenId = principal.GetClaim(Claims.JwtId);
        return revocations.IsRevoked(
            tokenId,
            TokenIssueTime.Of(tokenId, principal.GetCreationDate()),
            principal.GetClaim(Claims.Subject),
            ClientIdOf(principal),
            principal.GetAuthorizationId());
    }

    /// <summary>The client an access token was issued to: RFC 9068's <c>client_id</c>, else OpenIddict's presenter.</summary>
    public static string? ClientIdOf(ClaimsPrincipal principal) =>
        principal.GetClaim(Claims.ClientId) ?? principal.GetPresenters().FirstOrDefault();
}
