using Auth.Infrastructure.AccessChanges;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.IntrospectionAndRevocation;

/// <summary>
/// RFC 7009: revoking an access token that has no row (ADR 0010) records its <c>jti</c> until it expires; the change
/// is durable and counts on this node before the 200 goes out, and on every other node within a second. Tokens with
/// a row (refresh tokens, access tokens issued before self-contained ones) go through OpenIddict's own handler.
/// </summary>
public sealed class DenyRevokedAccessToken(AccessChangeWriter changes) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        if (context.GenericTokenPrincipal is not { } principal ||
            !principal.HasTokenType(TokenTypeIdentifiers.AccessToken) ||
            !string.IsNullOrEmpty(principal.GetTokenId()))
        {
            return;
        }

        if (principal.GetClaim(Claims.JwtId) is not { Length: > 0 } tokenId || principal.GetExpirationDate() is not { } expires)
        {
            context.Reject(error: OpenIddictConstants.Errors.UnsupportedTokenType, description: "The token cannot be revoked.");
            return;
        }

        await changes.DenyTokenAsync(tokenId, TokenValidation.RefuseRevokedAccessTokens.ClientIdOf(principal), expires, context.CancellationToken);
    }
}
