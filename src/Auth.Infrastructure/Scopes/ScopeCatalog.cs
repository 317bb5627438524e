using Auth.Infrastructure.AccessChanges;

namespace Auth.Infrastructure.Scopes;

/// <summary>
/// Every scope, read once and held in memory on this node; a scope change anywhere (<see cref="AccessChangeKind.ScopeChanged"/>)
/// drops it, and the next request reads the scopes again (<see cref="FeedCurrentSnapshot{T}"/>: served only while the
/// change feed is current, else requests read the store as before).
/// </summary>
public sealed class ScopeCatalog(TimeProvider clock) : FeedCurrentSnapshot<ScopeSnapshot>(clock)
{
    /// <summary>How long ago the change feed's last read may have started for what a node holds from it to be served.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    protected override bool Drops(AccessChange change) => change.Kind == AccessChangeKind.ScopeChanged;
}
