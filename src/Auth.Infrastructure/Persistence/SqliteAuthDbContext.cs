using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using static SQLitePCL.raw;

namespace Auth.Infrastructure.Persistence;

/// <summary>The embedded store: a SQLite file in the data directory.</summary>
public sealed class SqliteAuthDbContext(DbContextOptions<SqliteAuthDbContext> options) : AuthDbContext(options)
{
    // https://sqlite.org/rescode.html#constraint_unique and #constraint_primarykey: a UNIQUE index or the primary key.
    public override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: SQLITE_CONSTRAINT_UNIQUE or SQLITE_CONSTRAINT_PRIMARYKEY };

    public override bool IsMissingReference(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: SQLITE_CONSTRAINT_FOREIGNKEY };

    public override bool IsDeadlock(Exception exception) => false;

    // One writer at a time: the transaction already holds the database's write lock, so the row needs no lock of its own.
    public override Task<bool> LockUserForDeletionAsync(string userId, long? version, CancellationToken cancellationToken) =>
        Users.AnyAsync(u => u.Id == userId && (version == null || u.Version == version), cancellationToken);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type; EF Core cannot compare or order DateTimeOffset stored as text,
        // so store it as a sortable 64-bit integer instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
