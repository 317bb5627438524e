using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// Applies the provider's EF Core migrations; EF Core takes a database lock so concurrent nodes migrate once. On
/// PostgreSQL it then warns when the database's character classification folds ASCII letters only.
/// </summary>
public sealed partial class DatabaseMigrator(AuthDbContext db, ILogger<DatabaseMigrator> logger)
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
        else if (await AsciiOnlyCaseFoldingAsync(cancellationToken) is { } ctype)
        {
            AsciiOnlyCaseFolding(logger, ctype);
        }
    }

    /// <summary>
    /// PostgreSQL's <c>upper()</c> follows the database's LC_CTYPE; under C or POSIX it folds ASCII letters only, so a
    /// case-insensitive SCIM filter or sort does not take "é" for "É". The LC_CTYPE then, or null when it folds every
    /// letter (or the store is not PostgreSQL).
    /// </summary>
    public async Task<string?> AsciiOnlyCaseFoldingAsync(CancellationToken cancellationToken)
    {
        if (db is not PostgresAuthDbContext)
        {
            return null;
        }

        var folded = await db.Database.SqlQueryRaw<string>("SELECT upper('é') AS \"Value\"").SingleAsync(cancellationToken);
        return folded == "É"
            ? null
            : await db.Database.SqlQueryRaw<string>("SELECT current_setting('lc_ctype') AS \"Value\"").SingleAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The PostgreSQL database's LC_CTYPE is '{Ctype}', under which upper() folds ASCII letters only: case-insensitive SCIM filters and sorting will not take 'é' for 'É'. Create the database with a UTF-8 locale, for example CREATE DATABASE auth LOCALE 'C.UTF-8' TEMPLATE template0 (docs/deploying.md, The database).")]
    private static partial void AsciiOnlyCaseFolding(ILogger logger, string ctype);

    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken) =>
        (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
}
