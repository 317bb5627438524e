using Auth.Infrastructure.AccessChanges;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace Auth.Infrastructure.Grants;

/// <summary>
/// OpenIddict's authorization manager, where revoking an authorization (a consent withdrawn) also cuts off the access
/// tokens issued under it, which have no rows to revoke (ADR 0010).
/// </summary>
public sealed class CutOffAuthorizationManager<TAuthorization>(
    IOpenIddictAuthorizationCache<TAuthorization> cache,
    ILogger<OpenIddictAuthorizationManager<TAuthorization>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictAuthorizationStore<TAuthorization> store,
    AccessChangeWriter changes) : OpenIddictAuthorizationManager<TAuthorization>(cache, logger, options, store)
    where TAuthorization : class
{
    public override async ValueTask<bool> TryRevokeAsync(TAuthorization authorization, CancellationToken cancellationToken = default)
    {
        if (!await base.TryRevokeAsync(authorization, cancellationToken))
        {
            return false;
        }

        if (await GetIdAsync(authorization, cancellationToken) is { Length: > 0 } identifier)
        {
            await changes.CutOffAsync(AccessChangeKind.AuthorizationCutOff, identifier, cancellationToken);
        }

        return true;
    }
}
