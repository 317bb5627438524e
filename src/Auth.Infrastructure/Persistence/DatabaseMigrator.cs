using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence;

/// <summary>Applies the provider's EF Core migrations; EF Core takes a database lock so concurrent nodes migrate once.</summary>
public sealed class DatabaseMigrator(AuthDbContext db)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // Database.MigrateAsync first diffs the model against the migrations' snapshot, which builds the design-time
        // model even when nothing is to be applied: about 0.3 s of CPU at every start (docs/performance.md, issue #15).
        // With every migration applied there is nothing for it to do; a node that sees one pending takes EF Core's lock
        // and lets MigrateAsync decide again under it.
        if ((await PendingMigrationsAsync(cancellationToken)).Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (db is SqliteAuthDbContext)
        {
            // Write-ahead logging lets readers proceed while a request writes; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken) =>
        (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
}
