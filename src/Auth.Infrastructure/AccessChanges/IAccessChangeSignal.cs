namespace Auth.Infrastructure.AccessChanges;

/// <summary>How a store tells <see cref="AccessChangeFeed"/> that something may have been committed.</summary>
internal interface IAccessChangeSignal : IAsyncDisposable
{
    /// <summary>Returns when the store signals a commit, or after <paramref name="timeout"/>, whichever comes first.</summary>
    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
