using System.Collections.Concurrent;
using Auth.Infrastructure.AccessChanges;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace Auth.Infrastructure.Clients;

/// <summary>
/// OpenIddict's application manager, with clients served from the node's <see cref="ClientCatalog"/> (ADR 0013): while
/// their stored concurrency token says they are unchanged, or, for a request <see cref="ClientReadPolicy"/> marks, while
/// the change feed is current. Every write records a change that makes every node forget the client. Successful
/// client-secret checks are remembered for a short while (<see cref="ClientSecretVerifications"/>); secrets are still
/// stored as OpenIddict hashes them. A removed client's access tokens, which have no rows to delete with it, are cut off
/// (ADR 0010).
/// </summary>
public sealed class ClientApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store,
    ClientSecretVerifications verifications,
    ClientCatalog catalog,
    ClientReadPolicy policy,
    AuthDbContext db,
    AccessChangeWriter changes,
    TimeProvider clock,
    IOptions<StorageOptions> storage) : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    private static readonly string? SecretOrKeysRequired = new System.Resources.ResourceManager(typeof(OpenIddictResources))
        .GetString(OpenIddictResources.ID2113, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string TestingGrantPermission = OpenIddictConstants.Permissions.Prefixes.GrantType + Application.Clients.ClientGrantTypes.Testing;

    // The stored client's concurrency token; "" for a client without one (never catalogued), null for no client. A
    // compiled query serves one model, so one per store's context type.
    private static readonly ConcurrentDictionary<Type, Func<AuthDbContext, string, CancellationToken, Task<string?>>> StoredVersion = new();

    private readonly Dictionary<string, TApplication> _found = new(StringComparer.Ordinal);

    // Copies served without a read, with the concurrency token each was kept under (ValidateClientSecretAsync).
    private readonly Dictionary<TApplication, string> _unread = new(ReferenceEqualityComparer.Instance);

    // Whether this unit of work wrote a client: what it reads afterwards may never be committed (FindCheckedAsync).
    private bool _wrote;

    private static Func<AuthDbContext, string, CancellationToken, Task<string?>> CompileStoredVersion(Type contextType) =>
        EF.CompileAsyncQuery((AuthDbContext context, string clientId, CancellationToken _) => context.Set<TApplication>()
            .Where(a => EF.Property<string>(a, "ClientId") == clientId)
            .Select(a => EF.Property<string?>(a, "ConcurrencyToken") ?? "")
            .FirstOrDefault());

    /// <summary>
    /// No client id holds U+0000, and a PostgreSQL text parameter cannot: such an id (form-decoded from HTTP Basic
    /// credentials) is nobody's, answered without asking the store, and fails like any unknown client. Otherwise the
    /// request's own cache answers, then the catalog without a read (for a request marked so, while the feed is
    /// current), then the catalog when the stored concurrency token matches, then the store. A write given a copy swaps
    /// it for the tracked entity (<see cref="TrackedAsync"/>).
    /// </summary>
    public override async ValueTask<TApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken = default)
    {
        if (identifier.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        // Not OpenIddict's request cache: on a miss it reads the whole client from the store, which is what this avoids.
        // Copies stay out of it, so that a transaction never finds one there.
        if (_found.TryGetValue(identifier, out var found))
        {
            return found;
        }

        if (policy.FromMemoryWhileFeedIsCurrent && catalog.TryGetCurrent(identifier, out var current, out var keptVersion))
        {
            var copy = DetachedCopy<TApplication>.Of((TApplication)current);
            _found[identifier] = copy;
            _unread[copy] = keptVersion;
            return copy;
        }

        return await FindCheckedAsync(identifier, cancellationToken);
    }

    /// <summary>The client, checked against its stored concurrency token: from the catalog if it matches, else from the store.</summary>
    private async ValueTask<TApplication?> FindCheckedAsync(string identifier, CancellationToken cancellationToken)
    {
        // Taken before the store is read: a change applied meanwhile keeps what is read here from being served unread.
        var generation = catalog.Generation;
        var version = await StoredVersion.GetOrAdd(db.GetType(), CompileStoredVersion)(db, identifier, cancellationToken);
        if (version is null)
        {
            return null;
        }

        if (version.Length > 0 && catalog.TryGet(identifier, version, generation, out var kept))
        {
            var copy = DetachedCopy<TApplication>.Of((TApplication)kept);
            _found[identifier] = copy;
            return copy;
        }

        // Kept under the token read before it: were the client updated in between, the stored token has moved on and
        // never comes back, so the entry is only ever missed, never served stale. Not what a transaction or a unit of
        // work that wrote clients reads: it may be rolled back, and a copy served unread (introspection) would outlive it.
        var application = await base.FindByClientIdAsync(identifier, cancellationToken);
        if (application is not null && version.Length > 0 && !_wrote && db.Database.CurrentTransaction is null)
        {
            catalog.Keep(identifier, version, DetachedCopy<TApplication>.Of(application), generation);
            _found[identifier] = application;
        }

        return application;
    }

    /// <summary>
    /// A client with a jwks_uri has neither a secret nor stored keys: its keys are fetched when it authenticates, so
    /// OpenIddict's demand for one or the other (ID2113) is left out for it. Every other check stands.
    /// </summary>
    public override async IAsyncEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> ValidateAsync(
        TApplication application, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var keysAtUri = (await GetSettingsAsync(application, cancellationToken)).ContainsKey(Application.Clients.ClientSettings.JwksUri);
        await foreach (var result in base.ValidateAsync(application, cancellationToken))
        {
            if (!(keysAtUri && result.ErrorMessage == SecretOrKeysRequired))
            {
                yield return result;
            }
        }
    }

    /// <summary>Every overload of OpenIddict's ends here.</summary>
    public override async ValueTask CreateAsync(TApplication application, string? secret, CancellationToken cancellationToken = default)
    {
        _wrote = true;
        await base.CreateAsync(application, secret, cancellationToken);
        await AnnounceAsync(application, cancellationToken);
    }

    public override async ValueTask UpdateAsync(TApplication application, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken = default) =>
        await base.UpdateAsync(await TrackedAsync(application, cancellationToken), descriptor, cancellationToken);

    public override async ValueTask UpdateAsync(TApplication application, string? secret, CancellationToken cancellationToken = default) =>
        await base.UpdateAsync(await TrackedAsync(application, cancellationToken), secret, cancellationToken);

    public override async ValueTask UpdateAsync(TApplication application, CancellationToken cancellationToken = default)
    {
        var tracked = await TrackedAsync(application, cancellationToken);
        _wrote = true;
        await base.UpdateAsync(tracked, cancellationToken);
        _found.Remove(await AnnounceAsync(tracked, cancellationToken));
    }

    public override async ValueTask DeleteAsync(TApplication application, CancellationToken cancellationToken = default)
    {
        var tracked = await TrackedAsync(application, cancellationToken);
        var clientId = await GetClientIdAsync(tracked, cancellationToken) ?? string.Empty;
        _wrote = true;
        await base.DeleteAsync(tracked, cancellationToken);
        _found.Remove(clientId);

        // The cut-off also makes every node forget the client (ClientCatalog).
        if (clientId.Length > 0)
        {
            await changes.CutOffAsync(AccessChangeKind.ClientCutOff, clientId, cancellationToken);
        }
    }

    /// <summary>
    /// The client's secret, or the one its last rotation replaced until the time the rotation kept it for
    /// (<see cref="PreviousClientSecret"/>; the clock decides, on every node alike). A secret that fails against a copy
    /// served without a read is checked once more against the stored client if that has changed since: a secret
    /// rotated on another node counts here at once, not a second later. A wrong secret for an unchanged client costs
    /// one more indexed read, not a second hash check.
    /// </summary>
    public override async ValueTask<bool> ValidateClientSecretAsync(TApplication application, string secret, CancellationToken cancellationToken = default)
    {
        if (await MatchesCurrentOrPreviousSecretAsync(application, secret, cancellationToken))
        {
            return true;
        }

        if (!_unread.Remove(application, out var keptVersion) || await GetClientIdAsync(application, cancellationToken) is not { } clientId)
        {
            return false;
        }

        var storedVersion = await StoredVersion.GetOrAdd(db.GetType(), CompileStoredVersion)(db, clientId, cancellationToken);
        if (storedVersion is null || string.Equals(storedVersion, keptVersion, StringComparison.Ordinal))
        {
            return false;
        }

        _found.Remove(clientId);
        return await FindCheckedAsync(clientId, cancellationToken) is { } stored &&
            await MatchesCurrentOrPreviousSecretAsync(stored, secret, cancellationToken);
    }

    private async ValueTask<bool> MatchesCurrentOrPreviousSecretAsync(TApplication application, string secret, CancellationToken cancellationToken)
    {
        if (await base.ValidateClientSecretAsync(application, secret, cancellationToken))
        {
            return true;
        }

        // The time is checked first: past it, not even a remembered verification counts.
        return PreviousClientSecret.From(await Store.GetPropertiesAsync(application, cancellationToken)) is { } previous &&
            clock.GetUtcNow() < previous.ValidUntil &&
            await ValidateClientSecretAsync(secret, previous.Hash, cancellationToken);
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

    /// <summary>
    /// Records the write for every node (<see cref="AccessChangeKind.ClientChanged"/>), after it and in the same unit of
    /// work, so that a node that applies the change reads the changed client.
    /// </summary>
    private async ValueTask<string> AnnounceAsync(TApplication application, CancellationToken cancellationToken)
    {
        var clientId = await GetClientIdAsync(application, cancellationToken) ?? string.Empty;
        await changes.CatalogChangedAsync(AccessChangeKind.ClientChanged, clientId, cancellationToken);
        return clientId;
    }

    /// <summary>The client this unit of work tracks, for a write given a catalog copy (<see cref="TrackedForWrite"/>).</summary>
    private ValueTask<TApplication> TrackedAsync(TApplication application, CancellationToken cancellationToken) =>
        TrackedForWrite.OfAsync(db, application, async () => await Store.GetIdAsync(application, cancellationToken) is { } id
            ? await Store.FindByIdAsync(id, cancellationToken)
            : null);

    /// <summary>
    /// A redirect URI is a registered one, character for character, or a native app's loopback one at another port
    /// (RFC 8252 §7.3, <see cref="Application.Clients.LoopbackRedirectUri"/>).
    /// </summary>
    public override async ValueTask<bool> ValidateRedirectUriAsync(TApplication application, string uri, CancellationToken cancellationToken = default)
    {
        if (await base.ValidateRedirectUriAsync(application, uri, cancellationToken))
        {
            return true;
        }

        foreach (var registered in await GetRedirectUrisAsync(application, cancellationToken))
        {
            if (Application.Clients.LoopbackRedirectUri.MatchesIgnoringPort(registered, uri))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>In ephemeral mode only, every client may use the testing grant; its other permissions are its own.</summary>
    public override ValueTask<bool> HasPermissionAsync(TApplication application, string permission, CancellationToken cancellationToken = default) =>
        storage.Value.Ephemeral && string.Equals(permission, TestingGrantPermission, StringComparison.Ordinal)
            ? ValueTask.FromResult(true)
            : base.HasPermissionAsync(application, permission, cancellationToken);
}
