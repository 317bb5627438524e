using Auth.Infrastructure.AccessChanges;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.TokenGeneration;

/// <summary>
/// An access token's <c>jti</c> is a UUIDv7 that carries the millisecond it was issued (<see cref="TokenIssueTime"/>),
/// so a cut-off ("every token issued before now") never voids a token issued just after it in the same second.
/// </summary>
public sealed class UseTimeOrderedTokenIds(TimeProvider clock) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType == TokenTypeIdentifiers.AccessToken && context.SecurityTokenDescriptor?.Claims is { } claims)
        {
            claims[Claims.JwtId] = TokenIssueTime.NewTokenId(clock.GetUtcNow());
        }

        return default;
    }
}
