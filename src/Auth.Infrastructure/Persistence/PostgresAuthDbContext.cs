using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Auth.Infrastructure.Persistence;

/// <summary>The server store, used when a PostgreSQL connection string is configured.</summary>
public sealed class PostgresAuthDbContext(DbContextOptions<PostgresAuthDbContext> options) : AuthDbContext(options)
{
    // SQLSTATE class 23, integrity constraint violation: 23505 for a unique index or primary key, 23503 for a foreign key.
    public override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override bool IsMissingReference(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };

    // A statement's own exception (ExecuteUpdate, a query) or wrapped by a save (DbUpdateException).
    public override bool IsDeadlock(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected })
            {
                return true;
            }
        }

        return false;
    }

    public override async Task<bool> LockUserForDeletionAsync(string userId, long? version, CancellationToken cancellationToken)
    {
        var locked = version is { } expected
            ? Database.SqlQuery<int>($"""SELECT 1 AS "Value" FROM "Users" WHERE "Id" = {userId} AND "Version" = {expected} FOR UPDATE""")
            : Database.SqlQuery<int>($"""SELECT 1 AS "Value" FROM "Users" WHERE "Id" = {userId} FOR UPDATE""");
        return (await locked.ToListAsync(cancellationToken)).Count > 0;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // SCIM "sw" filters become LIKE 'prefix%'. Under a non-C collation a plain btree index cannot serve LIKE;
        // text_pattern_ops can, and it serves equality too.
        // The normalized columns are upper-cased already and compare ordinally, as on SQLite: the C collation also
        // makes SCIM prefix ranges exact.
        modelBuilder.Entity<User>().HasIndex(u => u.NormalizedUserName).HasOperators("text_pattern_ops");
        modelBuilder.Entity<User>().Property(u => u.NormalizedUserName).UseCollation("C");
        modelBuilder.Entity<User>().OwnsMany(u => u.Emails, emails =>
        {
            emails.HasIndex(e => e.NormalizedValue).HasOperators("text_pattern_ops");
            emails.Property(e => e.NormalizedValue).UseCollation("C");
        });
    }
}
