using Auth.Application.Ports;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Auth.Infrastructure.OpenIddict;

/// <summary>
/// Grants are OpenIddict's tokens and authorizations, and the revocations of access tokens, which have no rows
/// (ADR 0010): a revocation is pruned once the tokens it covers have all expired, and counted as a pruned token.
/// </summary>
public sealed class OpenIddictGrantStore(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, AuthDbContext db, TimeProvider clock) : IGrantStore
{
    public async Task RevokeUserAsync(string userId, CancellationToken cancellationToken)
    {
        await tokens.RevokeBySubjectAsync(userId, cancellationToken);
        await authorizations.RevokeBySubjectAsync(userId, cancellationToken);
    }

    public async Task<(long Tokens, long Authorizations)> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken)
    {
        // A revocation is useless once every token it covers has expired, whatever the retention of rows.
        var expired = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var prunedTokens = await tokens.PruneAsync(threshold, cancellationToken) +
            await db.AccessChanges.Where(c => c.Expires < expired).ExecuteDeleteAsync(cancellationToken);
        var prunedAuthorizations = await authorizations.PruneAsync(threshold, cancellationToken);
        return (prunedTokens, prunedAuthorizations);
    }
}
