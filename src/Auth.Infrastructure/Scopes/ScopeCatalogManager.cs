using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Auth.Infrastructure.AccessChanges;
using Auth.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace Auth.Infrastructure.Scopes;

/// <summary>
/// OpenIddict's scope manager, answering the lookups every token request makes (scopes by name, their resources)
/// from the node's <see cref="ScopeCatalog"/> instead of the store. Every write records a
/// <see cref="AccessChangeKind.ScopeChanged"/> change, so every node reads its scopes again. After a write the store
/// answers: in a transaction, the unit of work's own change counts in memory only once committed. A write given a copy
/// swaps it for the tracked entity (<see cref="TrackedAsync"/>). Lookups by id and listings still read the store: they
/// serve writers and operators, who want the stored entity.
/// </summary>
public sealed class ScopeCatalogManager<TScope>(
    IOpenIddictScopeCache<TScope> cache,
    ILogger<OpenIddictScopeManager<TScope>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictScopeStore<TScope> store,
    ScopeCatalog catalog,
    AuthDbContext db,
    AccessChangeWriter changes) : OpenIddictScopeManager<TScope>(cache, logger, options, store)
    where TScope : class
{
    private bool _wrote;

    public override async ValueTask<TScope?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        var scopes = await SnapshotAsync(cancellationToken);
        if (scopes is null)
        {
            return await base.FindByNameAsync(name, cancellationToken);
        }

        return scopes.ByName.TryGetValue(name, out var entry) ? DetachedCopy<TScope>.Of((TScope)entry.Scope) : null;
    }

    public override async IAsyncEnumerable<TScope> FindByNamesAsync(ImmutableArray<string> names, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var scopes = await SnapshotAsync(cancellationToken);
        if (scopes is null)
        {
            await foreach (var scope in base.FindByNamesAsync(names, cancellationToken))
            {
                yield return scope;
            }

            yield break;
        }

        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (scopes.ByName.TryGetValue(name, out var entry))
            {
                yield return DetachedCopy<TScope>.Of((TScope)entry.Scope);
            }
        }
    }

    public override async IAsyncEnumerable<string> ListResourcesAsync(ImmutableArray<string> scopes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var snapshot = await SnapshotAsync(cancellationToken);
        if (snapshot is null)
        {
            await foreach (var resource in base.ListResourcesAsync(scopes, cancellationToken))
            {
                yield return resource;
            }

            yield break;
        }

        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in scopes)
        {
            if (snapshot.ByName.TryGetValue(name, out var entry))
            {
                foreach (var resource in entry.Resources)
                {
                    if (listed.Add(resource))
                    {
                        yield return resource;
                    }
                }
            }
        }
    }

    public override async ValueTask CreateAsync(TScope scope, CancellationToken cancellationToken = default)
    {
        _wrote = true;
        await base.CreateAsync(scope, cancellationToken);
        await changes.CatalogChangedAsync(AccessChangeKind.ScopeChanged, await Store.GetNameAsync(scope, cancellationToken) ?? string.Empty, cancellationToken);
    }

    public override async ValueTask UpdateAsync(TScope scope, OpenIddictScopeDescriptor descriptor, CancellationToken cancellationToken = default) =>
        await base.UpdateAsync(await TrackedAsync(scope, cancellationToken), descriptor, cancellationToken);

    public override async ValueTask UpdateAsync(TScope scope, CancellationToken cancellationToken = default)
    {
        var tracked = await TrackedAsync(scope, cancellationToken);
        _wrote = true;
        await LosingRaceDropsTheCatalogAsync(base.UpdateAsync(tracked, cancellationToken));
        await changes.CatalogChangedAsync(AccessChangeKind.ScopeChanged, await Store.GetNameAsync(tracked, cancellationToken) ?? string.Empty, cancellationToken);
    }

    public override async ValueTask DeleteAsync(TScope scope, CancellationToken cancellationToken = default)
    {
        var tracked = await TrackedAsync(scope, cancellationToken);
        var name = await Store.GetNameAsync(tracked, cancellationToken) ?? string.Empty;
        _wrote = true;
        await LosingRaceDropsTheCatalogAsync(base.DeleteAsync(tracked, cancellationToken));
        await changes.CatalogChangedAsync(AccessChangeKind.ScopeChanged, name, cancellationToken);
    }

    /// <summary>
    /// A write that lost its race read a scope another writer changed since: this node's copies are stale, whatever the
    /// feed has said so far, and the next request reads the store (so its retry is checked against the current row).
    /// </summary>
    private async ValueTask LosingRaceDropsTheCatalogAsync(ValueTask write)
    {
        try
        {
            await write;
        }
        catch (OpenIddictExceptions.ConcurrencyException)
        {
            catalog.Invalidate();
            throw;
        }
    }

    private async ValueTask<ScopeSnapshot?> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (_wrote || !catalog.TryServe(out var current, out var generation))
        {
            return null;
        }

        if (current is not null)
        {
            return current;
        }

        var byName = new Dictionary<string, ScopeSnapshot.Entry>(StringComparer.Ordinal);
        await foreach (var scope in Store.ListAsync(count: null, offset: null, cancellationToken))
        {
            if (await Store.GetNameAsync(scope, cancellationToken) is { } name)
            {
                byName[name] = new ScopeSnapshot.Entry(DetachedCopy<TScope>.Of(scope), await Store.GetResourcesAsync(scope, cancellationToken));
            }
        }

        var snapshot = new ScopeSnapshot(byName.ToFrozenDictionary(StringComparer.Ordinal));
        catalog.Keep(snapshot, generation);
        return snapshot;
    }

    /// <summary>The scope this unit of work tracks, for a write given a catalog copy (<see cref="TrackedForWrite"/>).</summary>
    private ValueTask<TScope> TrackedAsync(TScope scope, CancellationToken cancellationToken) =>
        TrackedForWrite.OfAsync(db, scope, async () => await Store.GetIdAsync(scope, cancellationToken) is { } id
            ? await Store.FindByIdAsync(id, cancellationToken)
            : null);
}
