namespace Auth.Application.Ports;

/// <summary>
/// A database transaction a use case began (<see cref="IAuthDbContext.BeginTransactionAsync"/>): disposed without
/// <see cref="CommitAsync"/>, it rolls back. One that joined an outer transaction leaves both to the outer one.
/// </summary>
public interface ITransaction : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}
