namespace Auth.Infrastructure.AccessChanges;

/// <summary>What a node keeps in memory from the <c>AccessChanges</c> feed: the revocations, the scope catalog.</summary>
public interface IAccessChangeObserver
{
    /// <summary>Applies a committed change; a change may arrive twice, so applying is idempotent.</summary>
    void Apply(AccessChange change);

    /// <summary>
    /// Every change committed before <paramref name="readStartedAt"/> has been applied: the feed read that started then
    /// succeeded. What a node serves from memory is only as current as this.
    /// </summary>
    void CaughtUp(DateTimeOffset readStartedAt)
    {
    }
}
