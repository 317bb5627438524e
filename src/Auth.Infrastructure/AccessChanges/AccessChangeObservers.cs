namespace Auth.Infrastructure.AccessChanges;

/// <summary>
/// Everything a node keeps in memory from the <c>AccessChanges</c> feed, told of each change the same way whether the
/// feed read it (<see cref="AccessChangeFeed"/>) or this node committed it (<see cref="AccessChangeWriter"/>).
/// </summary>
public sealed class AccessChangeObservers(IEnumerable<IAccessChangeObserver> observers)
{
    private readonly IAccessChangeObserver[] _observers = observers.ToArray();

    public void Apply(AccessChange change)
    {
        foreach (var observer in _observers)
        {
            observer.Apply(change);
        }
    }

    public void CaughtUp(DateTimeOffset readStartedAt)
    {
        foreach (var observer in _observers)
        {
            observer.CaughtUp(readStartedAt);
        }
    }
}
