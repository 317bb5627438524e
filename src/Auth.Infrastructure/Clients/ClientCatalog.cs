using System.Collections.Concurrent;
using Auth.Infrastructure.AccessChanges;
using Auth.Infrastructure.Scopes;

namespace Auth.Infrastructure.Clients;

/// <summary>
/// The clients this node has read, each with the concurrency token it had then, served two ways (ADR 0013):
/// <list type="bullet">
/// <item><see cref="TryGet"/>, against the stored token: OpenIddict gives an application a new concurrency token on
/// every update, so an entry whose token still matches the stored one is the stored client. Exact on every node and
/// for the command line; what issues a token or writes a grant uses it.</item>
/// <item><see cref="TryGetCurrent"/>, with no read at all, while the change feed is current (its last read started
/// within <see cref="ScopeCatalog.Freshness"/>): every client write records a <see cref="AccessChangeKind.ClientChanged"/>
/// (a removal a <see cref="AccessChangeKind.ClientCutOff"/>) that makes every node forget the client, at once on the
/// node that wrote it and within a second on the others. Introspection and revocation, which issue nothing, use it.</item>
/// </list>
/// An entry is served the second way only if no client change was applied and the feed never stalled since the read it
/// came from began (<see cref="Generation"/>), so a read that raced a change is never served from memory.
/// </summary>
public sealed class ClientCatalog(TimeProvider clock) : IAccessChangeObserver
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;
    private long _caughtUpAt = long.MinValue;

    /// <summary>Taken before a client is read from the store, and handed to <see cref="Keep"/> with it.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>
    /// The kept client when <paramref name="version"/>, read from the store after <paramref name="generation"/> was
    /// taken, is the one it was kept under; the match confirms the entry as of that generation.
    /// </summary>
    public bool TryGet(string clientId, string version, long generation, out object application)
    {
        if (_entries.TryGetValue(clientId, out var entry) && string.Equals(entry.Version, version, StringComparison.Ordinal))
        {
            if (entry.Generation < generation)
            {
                _entries.TryUpdate(clientId, entry with { Generation = generation }, entry);
            }

            application = entry.Application;
            return true;
        }

        application = null!;
        return false;
    }

    /// <summary>
    /// The kept client and the concurrency token it was kept under, without asking the store, when nothing can have
    /// changed it unseen; otherwise false.
    /// </summary>
    public bool TryGetCurrent(string clientId, out object application, out string version)
    {
        if (FeedIsCurrent() && _entries.TryGetValue(clientId, out var entry) && entry.Generation == Generation)
        {
            application = entry.Application;
            version = entry.Version;
            return true;
        }

        application = null!;
        version = null!;
        return false;
    }

    /// <summary>
    /// Keeps <paramref name="application"/>, a detached copy that nobody changes, as the client at
    /// <paramref name="version"/>, read from the store after <paramref name="generation"/> was taken.
    /// </summary>
    public void Keep(string clientId, string version, object application, long generation) =>
        _entries[clientId] = new Entry(version, application, generation);

    public void Forget(string clientId)
    {
        // The generation first: a read that began before this is not served from memory once kept.
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(clientId, out _);
    }

    public void Apply(AccessChange change)
    {
        if (change.Kind is AccessChangeKind.ClientChanged or AccessChangeKind.ClientCutOff)
        {
            Forget(change.Key);
        }
    }

    public void CaughtUp(DateTimeOffset readStartedAt)
    {
        var at = readStartedAt.UtcTicks;
        var previous = Interlocked.Read(ref _caughtUpAt);

        // A feed that stalled may have missed a change (kept five minutes): nothing read before counts without a check.
        // The generation moves before the feed is published as current again, so no copy read before slips through.
        if (previous != long.MinValue && at - previous > ScopeCatalog.Freshness.Ticks)
        {
            Interlocked.Increment(ref _generation);
        }

        Interlocked.Exchange(ref _caughtUpAt, at);
    }

    private bool FeedIsCurrent()
    {
        var caughtUpAt = Interlocked.Read(ref _caughtUpAt);
        return caughtUpAt != long.MinValue && clock.GetUtcNow().UtcTicks - caughtUpAt <= ScopeCatalog.Freshness.Ticks;
    }

    private sealed record Entry(string Version, object Application, long Generation);
}
