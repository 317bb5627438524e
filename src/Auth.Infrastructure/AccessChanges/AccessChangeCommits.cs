using System.Data.Common;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Auth.Infrastructure.AccessChanges;

/// <summary>
/// Runs what a context deferred until its transaction commits (<see cref="AuthDbContext.AfterCommit"/>), and drops it
/// when the transaction rolls back: a revocation counts in memory only once it is durable, and never when it is not.
/// </summary>
public sealed class AccessChangeCommits : DbTransactionInterceptor
{
    // A transaction disposed without a commit rolls back without telling: what it deferred is dropped when the next begins.
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        (eventData.Context as AuthDbContext)?.RolledBack();
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        (eventData.Context as AuthDbContext)?.RolledBack();
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as AuthDbContext)?.Committed();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as AuthDbContext)?.Committed();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as AuthDbContext)?.RolledBack();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as AuthDbContext)?.RolledBack();
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        (eventData.Context as AuthDbContext)?.RolledBack();

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as AuthDbContext)?.RolledBack();
        return Task.CompletedTask;
    }
}
