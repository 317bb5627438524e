using Auth.Domain.Users;
using Auth.Infrastructure.Persistence;
using Auth.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Auth.Infrastructure.Tests;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A migrated database of its own for one fixture: a SQLite file in a temp folder, or a PostgreSQL database on the
/// server in <c>AUTH_TEST_POSTGRES</c> (build/test.sh sets it). Without that variable the PostgreSQL tests are ignored.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly DatabaseProvider _provider;
    private readonly string _connectionString;
    private readonly string _dataDirectory;
    private readonly string? _adminConnectionString;

    private TestDatabase(DatabaseProvider provider, string connectionString, string dataDirectory, string? adminConnectionString)
    {
        _provider = provider;
        _connectionString = connectionString;
        _dataDirectory = dataDirectory;
        _adminConnectionString = adminConnectionString;
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        TestDatabase database;
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"auth_infra_{Guid.NewGuid():N}");
        if (provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(dataDirectory);
            database = new TestDatabase(provider, $"Data Source={Path.Combine(dataDirectory, "auth.db")}", dataDirectory, null);
        }
        else
        {
            var configured = Environment.GetEnvironmentVariable("AUTH_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(configured))
                Assert.Ignore("AUTH_TEST_POSTGRES is not set; build/test.sh starts a PostgreSQL server and sets it.");

            var admin = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres", Pooling = false }.ConnectionString;
            var name = $"auth_infra_{Guid.NewGuid():N}";
            await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
            database = new TestDatabase(provider, new NpgsqlConnectionStringBuilder(configured) { Database = name }.ConnectionString, dataDirectory, admin);
        }

        await using var context = database.NewContext();
        await context.Database.MigrateAsync();
        return database;
    }

    public AuthDbContext NewContext() => _provider == DatabaseProvider.Sqlite
        ? new SqliteAuthDbContext(new DbContextOptionsBuilder<SqliteAuthDbContext>().UseSqlite(_connectionString).Options)
        : new PostgresAuthDbContext(new DbContextOptionsBuilder<PostgresAuthDbContext>().UseNpgsql(_connectionString).Options);

    /// <summary>
    /// The service's infrastructure as the host wires it (the adapters, OpenIddict's managers), on this database, with
    /// the machine's clock or the one given; <paramref name="raceLoser"/>, when given, makes one user's saves lose.
    /// </summary>
    public ServiceProvider NewServices(TimeProvider? clock = null, RowRaceLoser<User>? raceLoser = null)
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = _dataDirectory };
        if (_provider == DatabaseProvider.Postgres)
        {
            settings["ConnectionStrings:Postgres"] = _connectionString;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(clock ?? TimeProvider.System)
            .AddInfrastructure(configuration);
        raceLoser?.AddTo(services, postgres: _provider == DatabaseProvider.Postgres);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            var name = new NpgsqlConnectionStringBuilder(_connectionString).Database;
            await ExecuteAsync(_adminConnectionString!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
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
