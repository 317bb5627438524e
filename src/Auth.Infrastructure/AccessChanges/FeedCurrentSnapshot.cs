using Auth.Infrastructure.Scopes;

namespace Auth.Infrastructure.AccessChanges;

/// <summary>
/// Something read whole from the store and held in memory on this node (every scope, every client's CORS origins),
/// dropped by the changes <see cref="Drops"/> names, from whichever node made them, so the next request reads it again.
/// Served only while the change feed is current: when its last successful read started more than
/// <see cref="ScopeCatalog.Freshness"/> ago (the store is unreachable, or this is the command line, which runs no feed),
/// requests read the store. So a change counts at once on the node that made it and within a second on every other.
/// </summary>
public abstract class FeedCurrentSnapshot<T>(TimeProvider clock) : IAccessChangeObserver
    where T : class
{
    /// <summary>
    /// A gap between two reads of the feed longer than this drops what is held: well inside the five minutes a change
    /// stays in the feed, and far above the gaps of a feed that reads every quarter second under load.
    /// </summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private T? _snapshot;
    private long _generation;
    private DateTimeOffset _caughtUpAt = DateTimeOffset.MinValue;

    /// <summary>
    /// False while the feed is not current: read the store. Otherwise the snapshot, or null when it must be read first
    /// (then kept under <paramref name="generation"/>).
    /// </summary>
    public bool TryServe(out T? snapshot, out long generation)
    {
        lock (_gate)
        {
            var current = clock.GetUtcNow() - _caughtUpAt <= ScopeCatalog.Freshness;
            if (!current)
            {
                Drop();
            }

            snapshot = _snapshot;
            generation = _generation;
            return current;
        }
    }

    /// <summary>Keeps what was read from the store, unless a change was applied since the read began.</summary>
    public void Keep(T snapshot, long generation)
    {
        lock (_gate)
        {
            if (generation == _generation && clock.GetUtcNow() - _caughtUpAt <= ScopeCatalog.Freshness)
            {
                _snapshot = snapshot;
            }
        }
    }

    public void Apply(AccessChange change)
    {
        if (Drops(change))
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
            // A feed that stalled may come close to skipping a change that expired meanwhile (kept five minutes): what
            // was held before the gap is read again, though no request came to find the feed stale during it.
            if (_caughtUpAt != DateTimeOffset.MinValue && readStartedAt - _caughtUpAt > StallLimit)
            {
                Drop();
            }

            _caughtUpAt = readStartedAt;
        }
    }

    /// <summary>Drops what is held, so the next request reads the store: a write that lost its race shows it stale before the feed does.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            Drop();
        }
    }

    /// <summary>Whether <paramref name="change"/> may change what is held.</summary>
    protected abstract bool Drops(AccessChange change);

    private void Drop()
    {
        _snapshot = null;
        _generation++;
    }
}
