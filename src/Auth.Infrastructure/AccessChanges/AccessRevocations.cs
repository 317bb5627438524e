using System.Collections.Concurrent;

namespace Auth.Infrastructure.AccessChanges;

/// <summary>
/// Which access tokens no longer count, held in memory on every node: revoked token ids and "issued at or before T"
/// cut-offs per subject, client and authorization (ADR 0010). A check is four dictionary reads and no database call.
/// Applying a change is idempotent (a set add, a cut-off keeps the latest time), so a change read twice does no harm.
/// </summary>
public sealed class AccessRevocations : IAccessChangeObserver
{
    private readonly ConcurrentDictionary<string, long> _deniedTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CutOff> _subjects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CutOff> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CutOff> _authorizations = new(StringComparer.Ordinal);

    public int DeniedTokenCount => _deniedTokens.Count;

    public int CutOffCount => _subjects.Count + _clients.Count + _authorizations.Count;

    /// <summary>
    /// Whether an access token no longer counts. <paramref name="issuedAt"/> is when it was issued, in Unix
    /// milliseconds (<see cref="TokenIssueTime"/>): a cut-off at T voids every token issued at or before T.
    /// </summary>
    public bool IsRevoked(string? tokenId, long issuedAt, string? subject, string? clientId, string? authorizationId) =>
        (tokenId is not null && _deniedTokens.ContainsKey(tokenId)) ||
        issuedAt <= LatestCutOff(subject, clientId, authorizationId);

    private long LatestCutOff(string? subject, string? clientId, string? authorizationId) =>
        Math.Max(At(_subjects, subject), Math.Max(At(_clients, clientId), At(_authorizations, authorizationId)));

    public void Apply(AccessChange change)
    {
        switch (change.Kind)
        {
            case AccessChangeKind.TokenDenied:
                _deniedTokens.AddOrUpdate(change.Key, change.Expires, (_, expires) => Math.Max(expires, change.Expires));
                break;
            case AccessChangeKind.SubjectCutOff:
                Raise(_subjects, change);
                break;
            case AccessChangeKind.ClientCutOff:
                Raise(_clients, change);
                break;
            case AccessChangeKind.AuthorizationCutOff:
                Raise(_authorizations, change);
                break;
        }
    }

    /// <summary>Forgets what covers only tokens expired by <paramref name="now"/> (Unix milliseconds).</summary>
    public int Prune(long now) =>
        Prune(_deniedTokens, expires => expires < now) +
        Prune(_subjects, c => c.Expires < now) + Prune(_clients, c => c.Expires < now) + Prune(_authorizations, c => c.Expires < now);

    private static long At(ConcurrentDictionary<string, CutOff> cutOffs, string? key) =>
        key is not null && cutOffs.TryGetValue(key, out var cutOff) ? cutOff.At : 0;

    private static void Raise(ConcurrentDictionary<string, CutOff> cutOffs, AccessChange change) =>
        cutOffs.AddOrUpdate(change.Key, new CutOff(change.At, change.Expires),
            (_, current) => new CutOff(Math.Max(current.At, change.At), Math.Max(current.Expires, change.Expires)));

    private static int Prune<T>(ConcurrentDictionary<string, T> entries, Func<T, bool> expired)
    {
        var pruned = 0;
        foreach (var entry in entries)
        {
            if (expired(entry.Value) && entries.TryRemove(entry))
            {
                pruned++;
            }
        }

        return pruned;
    }

    private readonly record struct CutOff(long At, long Expires);
}
