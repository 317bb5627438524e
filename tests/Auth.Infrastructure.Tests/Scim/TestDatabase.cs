using Auth.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Auth.Infrastructure.Tests.Scim;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A migrated database of its own for one fixture: a SQLite file in the temp folder, or a PostgreSQL database on the
/// server in <c>AUTH_TEST_POSTGRES</c> (build/test.sh sets it). Without that variable the PostgreSQL tests are ignored.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly DatabaseProvider _provider;
    private readonly string _connectionString;
    private readonly string? _adminConnectionString;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? adminConnectionString)
    {
        _provider = provider;
        _connectionString = connectionString;
        _adminConnectionString = adminConnectionString;
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"auth_infra_{Guid.NewGuid():N}.db");
            database = new TestDatabase(provider, $"Data Source={file}", null);
        }
        else
        {
            var configured = Environment.GetEnvironmentVariable("AUTH_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(configured))
                Assert.Ignore("AUTH_TEST_POSTGRES is not set; build/test.sh starts a PostgreSQL server and sets it.");

            var admin = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres", Pooling = false }.ConnectionString;
            var name = $"auth_infra_{Guid.NewGuid():N}";
            await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
            database = new TestDatabase(provider, new NpgsqlConnectionStringBuilder(configured) { Database = name }.ConnectionString, admin);
        }

        await using var context = database.NewContext();
        await context.Database.MigrateAsync();
        return database;
    }

    public AuthDbContext NewContext() => _provider == DatabaseProvider.Sqlite
        ? new SqliteAuthDbContext(new DbContextOptionsBuilder<SqliteAuthDbContext>().UseSqlite(_connectionString).Options)
        : new PostgresAuthDbContext(new DbContextOptionsBuilder<PostgresAuthDbContext>().UseNpgsql(_connectionString).Options);

    public async ValueTask DisposeAsync()
    {
        if (_provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(new SqliteConnectionStringBuilder(_connectionString).DataSource);
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            var name = new NpgsqlConnectionStringBuilder(_connectionString).Database;
            await ExecuteAsync(_adminConnectionString!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
