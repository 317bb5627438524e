using Auth.Application.Ports;
using OpenIddict.Abstractions;

namespace Auth.Infrastructure.OpenIddict;

/// <summary>Grants are OpenIddict's tokens and authorizations.</summary>
public sealed class OpenIddictGrantStore(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations) : IGrantStore
{
    public async Task RevokeUserAsync(string userId, CancellationToken cancellationToken)
    {
        await tokens.RevokeBySubjectAsync(userId, cancellationToken);
        await authorizations.RevokeBySubjectAsync(userId, cancellationToken);
    }

    public async Task<(long Tokens, long Authorizations)> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken)
    {
        var prunedTokens = await tokens.PruneAsync(threshold, cancellationToken);
        var prunedAuthorizations = await authorizations.PruneAsync(threshold, cancellationToken);
        return (prunedTokens, prunedAuthorizations);
    }
}
