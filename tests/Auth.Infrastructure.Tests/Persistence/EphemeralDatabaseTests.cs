using Auth.Domain.Audit;
using Auth.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Infrastructure.Tests.Persistence;

/// <summary>
/// Ephemeral mode creates its in-memory schema from Persistence/Migrations/Sqlite/Schema.sql instead of applying the
/// migrations (ADR 0019). The script is generated: after a new migration, run from the repository root
/// <c>dotnet ef migrations script -p src/Auth.Infrastructure -s src/Auth.Infrastructure -c SqliteAuthDbContext -o
/// src/Auth.Infrastructure/Persistence/Migrations/Sqlite/Schema.sql</c>. These tests fail until it is.
/// </summary>
public sealed class EphemeralDatabaseTests
{
    [Test]
    public async Task The_script_builds_the_schema_the_migrations_build_and_leaves_nothing_pending()
    {
        await using var migrated = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        string[] fromMigrations;
        await using (var context = migrated.NewContext())
        {
            fromMigrations = await SchemaAsync(context);
        }

        using var ephemeral = new EphemeralDatabase();
        await ephemeral.EnsureSchemaAsync(CancellationToken.None);
        await ephemeral.EnsureSchemaAsync(CancellationToken.None);
        await using var fromScript = new SqliteAuthDbContext(new DbContextOptionsBuilder<SqliteAuthDbContext>().UseSqlite(ephemeral.ConnectionString).Options);

        Assert.Multiple(async () =>
        {
            Assert.That(await SchemaAsync(fromScript), Is.EqualTo(fromMigrations), "Generate Schema.sql again (see this class's summary).");
            Assert.That(await fromScript.Database.GetPendingMigrationsAsync(), Is.Empty);
        });
    }

    [Test]
    public async Task Each_database_is_its_own_and_is_gone_when_disposed()
    {
        using var first = new EphemeralDatabase();
        var second = new EphemeralDatabase();
        await first.EnsureSchemaAsync(CancellationToken.None);
        await second.EnsureSchemaAsync(CancellationToken.None);
        await ExecuteAsync(first.ConnectionString, "INSERT INTO \"RefusedSignInNames\" (\"NormalizedUserName\", \"Count\", \"LastAttemptAt\") VALUES ('X', 1, 0)");
        var secondRows = await CountAsync(second.ConnectionString);
        var connectionString = second.ConnectionString;
        second.Dispose();

        Assert.Multiple(async () =>
        {
            Assert.That(first.ConnectionString, Is.Not.EqualTo(connectionString));
            Assert.That(await CountAsync(first.ConnectionString), Is.EqualTo(1));
            Assert.That(secondRows, Is.Zero);
            Assert.ThrowsAsync<SqliteException>(() => CountAsync(connectionString), "no table once the last connection closed");
        });
    }

    /// <summary>
    /// The in-memory store locks like a file: a write commits only once no reader holds the database. Through the
    /// service's own wiring, a write that ends while another connection is still reading waits for that read instead
    /// of failing with "database is locked" (it did: the audit writer lost its batch whenever a request was reading).
    /// </summary>
    [Test]
    public async Task A_write_that_ends_while_another_connection_reads_waits_for_the_read()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Ephemeral"] = "true" }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddInfrastructure(configuration).BuildServiceProvider();
        await services.GetRequiredService<EphemeralDatabase>().EnsureSchemaAsync(CancellationToken.None);
        await using (var seeding = services.CreateAsyncScope())
        {
            var db = seeding.ServiceProvider.GetRequiredService<AuthDbContext>();
            db.AuditEntries.AddRange(Entry("first"), Entry("second"));
            await db.SaveChangesAsync();
        }

        await using var reading = services.CreateAsyncScope();
        var readerDb = reading.ServiceProvider.GetRequiredService<AuthDbContext>();
        await readerDb.Database.OpenConnectionAsync();
        await using var command = readerDb.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT \"Id\" FROM \"AuditEntries\"";
        var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True, "the read is under way");

        var write = Task.Run(async () =>
        {
            await using var writing = services.CreateAsyncScope();
            var db = writing.ServiceProvider.GetRequiredService<AuthDbContext>();
            db.AuditEntries.Add(Entry("written while reading"));
            await db.SaveChangesAsync();
        });
        await Task.WhenAny(write, Task.Delay(TimeSpan.FromMilliseconds(300)));
        var waited = !write.IsCompleted;
        while (await reader.ReadAsync())
        {
        }

        await reader.DisposeAsync();
        await readerDb.Database.CloseConnectionAsync();

        Assert.That(async () => await write, Throws.Nothing);
        Assert.Multiple(async () =>
        {
            Assert.That(waited, Is.True, "the write waited for the read to end");
            Assert.That(await readerDb.AuditEntries.CountAsync(), Is.EqualTo(3));
        });
    }

    private static AuditEntry Entry(string detail) =>
        new(DateTimeOffset.UtcNow, "test.event", "success", null, null, null, null, detail);

    private static async Task<string[]> SchemaAsync(DbContext context) =>
        [.. (await context.Database.SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE sql IS NOT NULL AND name <> '__EFMigrationsLock'").ToListAsync())
            .Select(sql => sql.Replace("IF NOT EXISTS ", string.Empty, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"RefusedSignInNames\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
