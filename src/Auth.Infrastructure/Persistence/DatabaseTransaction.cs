using Auth.Application.Ports;
using Microsoft.EntityFrameworkCore.Storage;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// A transaction a use case began, or (<see cref="Joined"/>) one it joined: the code that began that one commits or
/// rolls it back.
/// </summary>
internal sealed class DatabaseTransaction(IDbContextTransaction? begun) : ITransaction
{
    public static readonly DatabaseTransaction Joined = new(null);

    public Task CommitAsync(CancellationToken cancellationToken) => begun?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => begun?.DisposeAsync() ?? ValueTask.CompletedTask;
}
