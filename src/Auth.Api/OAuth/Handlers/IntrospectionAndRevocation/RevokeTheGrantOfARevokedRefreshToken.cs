using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.IntrospectionAndRevocation;

/// <summary>
/// RFC 7009 §2.1: when a refresh token is revoked, the access tokens of the same grant should be revoked too.
/// OpenIddict revokes only the token presented; this revokes every token of its authorization (the grant).
/// </summary>
public sealed class RevokeTheGrantOfARevokedRefreshToken(IOpenIddictTokenManager tokens) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        if (context.IsRejected || context.GenericTokenPrincipal is not { } principal ||
            !principal.HasTokenType(TokenTypeIdentifiers.RefreshToken) ||
            principal.GetAuthorizationId() is not { Length: > 0 } authorizationId)
        {
            return;
        }

        await tokens.RevokeByAuthorizationIdAsync(authorizationId, context.CancellationToken);
    }
}
