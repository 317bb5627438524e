using Auth.Infrastructure.AccessChanges;

namespace Auth.Infrastructure.Scopes;

/// <summary>
/// Every scope, read once and held in memory on this node; a scope change anywhere (<see cref="AccessChangeKind.ScopeChanged"/>)
/// drops it, and the next request reads the scopes again. Served only while the change feed is current: when its last
/// successful read started more than <see cref="Freshness"/> ago (the store is unreachable, or this is the command
/// line, which runs no feed), requests read the store as before. So a scope change counts here at once on the node
/// that made it and within a second on every other.
/// </summary>
public sealed class ScopeCatalog(TimeProvider clock) : IAccessChangeObserver
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private ScopeSnapshot? _snapshot;
    private long _generation;
    private DateTimeOffset _caughtUpAt = DateTimeOffset.MinValue;

    /// <summary>
    /// False while the feed is not current: read the store. Otherwise the scopes, or null when they must be read first
    /// (then kept under <paramref name="generation"/>).
    /// </summary>
    public bool TryServe(out ScopeSnapshot? snapshot, out long generation)
    {
        lock (_gate)
        {
            var current = clock.GetUtcNow() - _caughtUpAt <= Freshness;
            if (!current)
            {
                Drop();
            }

            snapshot = _snapshot;
            generation = _generation;
            return current;
        }
    }

    /// <summary>Keeps scopes read from the store, unless a change was applied since the read began.</summary>
    public void Keep(ScopeSnapshot snapshot, long generation)
    {
        lock (_gate)
        {
            if (generation == _generation && clock.GetUtcNow() - _caughtUpAt <= Freshness)
            {
                _snapshot = snapshot;
            }
        }
    }

    public void Apply(AccessChange change)
    {
        if (change.Kind == AccessChangeKind.ScopeChanged)
        {
            lock (_gate)
            {
                Drop();
            }
        }
    }

    public void CaughtUp(DateTimeOffset readStartedAt)
    {
        // The latest read, not the greatest time: a clock set back must not leave a time ahead that reads as current.
        lock (_gate)
        {
            _caughtUpAt = readStartedAt;
        }
    }

    private void Drop()
    {
        _snapshot = null;
        _generation++;
    }
}
