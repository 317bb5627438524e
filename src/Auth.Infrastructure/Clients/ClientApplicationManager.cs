using Auth.Infrastructure.AccessChanges;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace Auth.Infrastructure.Clients;

/// <summary>
/// OpenIddict's application manager, with successful client-secret checks remembered for a short while
/// (<see cref="ClientSecretVerifications"/>). Secrets are still stored as OpenIddict hashes them. A removed client's
/// access tokens, which have no rows to delete with it, are cut off (ADR 0010).
/// </summary>
public sealed class ClientApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store,
    ClientSecretVerifications verifications,
    AccessChangeWriter changes) : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    /// <summary>
    /// No client id holds U+0000, and a PostgreSQL text parameter cannot: such an id (form-decoded from HTTP Basic
    /// credentials) is nobody's, answered without asking the store, and fails like any unknown client.
    /// </summary>
    public override ValueTask<TApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken = default) =>
        identifier.Contains('\0', StringComparison.Ordinal) ? ValueTask.FromResult<TApplication?>(null) : base.FindByClientIdAsync(identifier, cancellationToken);

    public override async ValueTask DeleteAsync(TApplication application, CancellationToken cancellationToken = default)
    {
        var clientId = await GetClientIdAsync(application, cancellationToken);
        await base.DeleteAsync(application, cancellationToken);
        if (clientId is { Length: > 0 })
        {
            await changes.CutOffAsync(AccessChangeKind.ClientCutOff, clientId, cancellationToken);
        }
    }

    protected override async ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(secret) && !string.IsNullOrEmpty(comparand) && verifications.WasVerified(secret, comparand))
        {
            return true;
        }

        var valid = await base.ValidateClientSecretAsync(secret, comparand, cancellationToken);
        if (valid)
        {
            verifications.Remember(secret, comparand);
        }

        return valid;
    }
}
