using Npgsql;
using Testcontainers.PostgreSql;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// The PostgreSQL server the functional tests use: the one in <c>AUTH_TEST_POSTGRES</c> (build/test.sh starts a
/// throwaway cluster and sets it), or else one started with Testcontainers where a Docker engine answers.
/// Each test server gets a database of its own.
/// </summary>
public static class TestPostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _adminConnectionString;
    private static PostgreSqlContainer? _container;

    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await AdminConnectionStringAsync();
        var name = "auth_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs SQL as the server administrator, in the given database.</summary>
    public static async Task ExecuteAsAdminAsync(string databaseConnectionString, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(await AdminConnectionStringAsync())
        {
            Database = new NpgsqlConnectionStringBuilder(databaseConnectionString).Database,
            Pooling = false,
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs SQL as the server administrator, connected to the maintenance database.</summary>
    public static async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(await AdminConnectionStringAsync()) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> AdminConnectionStringAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_adminConnectionString is not null)
            {
                return _adminConnectionString;
            }

            var configured = Environment.GetEnvironmentVariable("AUTH_TEST_POSTGRES");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return _adminConnectionString = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" }.ConnectionString;
            }

            try
            {
                _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
                await _container.StartAsync();
                return _adminConnectionString = new NpgsqlConnectionStringBuilder(_container.GetConnectionString()) { Database = "postgres" }.ConnectionString;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new InvalidOperationException(
                    "No PostgreSQL for the functional tests: run build/test.sh (it starts one), set AUTH_TEST_POSTGRES, or start a Docker engine for Testcontainers.",
                    ex);
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
