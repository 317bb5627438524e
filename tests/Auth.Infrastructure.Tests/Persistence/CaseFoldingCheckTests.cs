using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Auth.Infrastructure.Tests.Persistence;

/// <summary>
/// The start-up check that warns when a PostgreSQL database's <c>upper()</c> folds ASCII letters only (LC_CTYPE C or
/// POSIX), against real databases created with each locale.
/// </summary>
public sealed class CaseFoldingCheckTests
{
    [TestCase("C", "C")]
    [TestCase("POSIX", "C")]
    [TestCase("C.UTF-8", null)]
    public async Task A_postgres_database_is_reported_when_its_locale_folds_ascii_only(string locale, string? reported)
    {
        var configured = Environment.GetEnvironmentVariable("AUTH_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(configured))
            Assert.Ignore("AUTH_TEST_POSTGRES is not set; build/test.sh starts a PostgreSQL server and sets it.");

        var admin = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres", Pooling = false }.ConnectionString;
        var name = $"auth_locale_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" LOCALE '{locale}' TEMPLATE template0");
        try
        {
            var options = new DbContextOptionsBuilder<PostgresAuthDbContext>()
                .UseNpgsql(new NpgsqlConnectionStringBuilder(configured) { Database = name, Pooling = false }.ConnectionString).Options;
            await using var db = new PostgresAuthDbContext(options);

            var ctype = await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).AsciiOnlyCaseFoldingAsync(CancellationToken.None);

            Assert.That(ctype, Is.EqualTo(reported));
        }
        finally
        {
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    [Test]
    public async Task Sqlite_is_never_reported()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();

        Assert.That(await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).AsciiOnlyCaseFoldingAsync(CancellationToken.None), Is.Null);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
