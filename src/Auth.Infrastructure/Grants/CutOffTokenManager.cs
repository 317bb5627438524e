using Auth.Infrastructure.AccessChanges;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace Auth.Infrastructure.Grants;

/// <summary>
/// OpenIddict's token manager, where revoking a grant's or a user's tokens also cuts off their access tokens, which
/// have no rows to revoke (ADR 0010). Every path that revokes a family goes through these two methods: a refresh token
/// or code used twice (OpenIddict's own check), a refresh token revoked at /oauth/revoke, a user deactivated, deleted,
/// given a new password or a reset second factor.
/// </summary>
public sealed class CutOffTokenManager<TToken>(
    IOpenIddictTokenCache<TToken> cache,
    ILogger<OpenIddictTokenManager<TToken>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictTokenStore<TToken> store,
    AccessChangeWriter changes) : OpenIddictTokenManager<TToken>(cache, logger, options, store)
    where TToken : class
{
    public override async ValueTask<long> RevokeByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken = default)
    {
        var revoked = await base.RevokeByAuthorizationIdAsync(identifier, cancellationToken);
        await changes.CutOffAsync(AccessChangeKind.AuthorizationCutOff, identifier, cancellationToken);
        return revoked;
    }

    public override async ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken = default)
    {
        var revoked = await base.RevokeBySubjectAsync(subject, cancellationToken);
        await changes.CutOffAsync(AccessChangeKind.SubjectCutOff, subject, cancellationToken);
        return revoked;
    }
}
