using Npgsql;

namespace Auth.Container.Tests;

/// <summary>
/// A database of the tests' own on the test PostgreSQL (<c>AUTH_TEST_POSTGRES</c>, which build/test.sh sets), dropped
/// afterwards. The containers reach it on the host's network, at the same loopback address.
/// </summary>
public sealed class PrivateDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private PrivateDatabase(string admin, string connectionString)
    {
        _admin = admin;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PrivateDatabase> CreateAsync()
    {
        var configured = Environment.GetEnvironmentVariable("AUTH_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(configured))
        {
            Assert.Fail("AUTH_TEST_POSTGRES is not set: build/test.sh starts a PostgreSQL and sets it.");
        }

        var admin = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres", Pooling = false }.ConnectionString;
        var name = "auth_image_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        return new PrivateDatabase(admin, new NpgsqlConnectionStringBuilder(configured) { Database = name }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
